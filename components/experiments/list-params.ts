import { EXPERIMENT_STATUSES, type ExperimentStatus } from '@/lib/experiments/experiment';

/** The experiments list's status filter as it lives in the URL (`?status=running`). Pure. */

export type StatusFilter = ExperimentStatus | '';

/** A known status, or '' (all) for anything else: a hand-edited address shows everything rather than an error. */
export function parseStatusFilter(value: string | string[] | null | undefined): StatusFilter {
  const first = Array.isArray(value) ? value[0] : value;
  return (EXPERIMENT_STATUSES as readonly string[]).includes(first ?? '') ? (first as ExperimentStatus) : '';
}

/** The query string of the list page for a filter: '' when all. */
export function statusSearch(status: StatusFilter): string {
  return status ? `?status=${status}` : '';
}

/** What an empty list says, depending on the filter and whether the reader may create experiments. */
export function emptyListMessage(status: StatusFilter, canWrite: boolean): string {
  if (status) return `No ${status} experiments.`;
  return canWrite
    ? 'No experiments yet. Create one to compare analysis models on accuracy, cost and latency.'
    : 'No experiments yet.';
}
