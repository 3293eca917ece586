import { queryItems } from '../db/items';
import { experimentSchema, type Experiment } from './experiment';

/** Whether the experiment's targeting admits a customer in `segment` (none: only `all` does). */
export function targets(experiment: Pick<Experiment, 'targeting'>, segment?: string | null): boolean {
  const { segments } = experiment.targeting;
  return segments === 'all' || (!!segment && (segments as readonly string[]).includes(segment));
}

/** Running experiments, the earliest started first. */
export async function listRunningExperiments(): Promise<Experiment[]> {
  const items = await queryItems('experiments', {
    index: 'by_status',
    keyCondition: '#status = :running',
    names: { '#status': 'status' },
    values: { ':running': 'running' },
  });
  return items
    .map((item) => experimentSchema.parse(item))
    .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '') || a.key.localeCompare(b.key));
}

/**
 * The running experiment that decides this customer's analyzer: the one whose targeting matches. When several match,
 * the earliest started wins (ties by key), so a customer is in at most one analyzer experiment at a time and its
 * results are not confounded by another; a later overlapping experiment only gets the customers the earlier one
 * does not target — even those the earlier one leaves out by its ramp or consent. Stop or narrow the earlier one to
 * hand its customers over. Targeting only: consent and ramp are assignVariant's to check.
 */
export async function findRunningExperimentFor(customer: {
  segment?: string | null;
}): Promise<Experiment | undefined> {
  return (await listRunningExperiments()).find((e) => targets(e, customer.segment));
}
