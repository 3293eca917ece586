import { queryItems, updateItem } from '../db/items';

/**
 * Counters kept beside an experiment's running sums in `experiment_observations` (same partition, prefix `count#`,
 * never read by the observation summary): customers assigned per variant (for the sample-ratio check) and outcomes
 * still pending per variant and metric (predictions whose window has not closed). Moved with `ADD`, read with one
 * query: O(variants), however many customers.
 *
 * Each counter moves right after the conditional write it counts; a crash in between leaves it one short (the
 * pending count is clamped at 0 when read), never double.
 */
const PREFIX = 'count#';
const ASSIGNED = `${PREFIX}assigned#`;
const PENDING = `${PREFIX}pending#`;

const assignedCell = (variant: string) => `${ASSIGNED}${variant}`;
const pendingCell = (variant: string, metric: string) => `${PENDING}${variant}#${metric}`;

async function add(experimentId: string, cell: string, by: number): Promise<void> {
  await updateItem('experiment_observations', { experimentId, cell }, 'ADD #n :by', {
    names: { '#n': 'n' },
    values: { ':by': by },
  });
}

const EXPECTED = `${PREFIX}expected`;

/**
 * Each new assignment adds every variant's share of the weights in force at that moment, so the sample-ratio check
 * compares what was assigned with what the weights of the time should have given — a weight changed mid-experiment
 * is not mistaken for broken assignment. One item, one ADD per assignment.
 */
export async function countExpectedShares(
  experimentId: string,
  weights: Record<string, number>,
): Promise<void> {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const names = Object.keys(weights);
  if (!(total > 0) || !names.length) return;
  await updateItem(
    'experiment_observations',
    { experimentId, cell: EXPECTED },
    `ADD ${names.map((_, i) => `#v${i} :s${i}`).join(', ')}`,
    {
      names: Object.fromEntries(names.map((name, i) => [`#v${i}`, `share_${name}`])),
      values: Object.fromEntries(names.map((name, i) => [`:s${i}`, weights[name]! / total])),
    },
  );
}

/** One more customer assigned to `variant` (holdout included; results leave it out). */
export const countAssigned = (experimentId: string, variant: string) =>
  add(experimentId, assignedCell(variant), 1);

/** An outcome of `metric` opened (+1) or resolved or dropped (−1) for `variant`. */
export const countPending = (experimentId: string, variant: string, metric: string, by: 1 | -1) =>
  add(experimentId, pendingCell(variant, metric), by);

export interface ExperimentCounters {
  /** Customers assigned per variant name (and `holdout`). */
  assigned: Record<string, number>;
  /** Per variant, the assignments the weights in force at each one should have given (countExpectedShares). */
  expected: Record<string, number>;
  /** Outcomes pending per metric, then variant. */
  pending: Record<string, Record<string, number>>;
}

export async function readCounters(experimentId: string): Promise<ExperimentCounters> {
  const items = await queryItems('experiment_observations', {
    keyCondition: 'experimentId = :e AND begins_with(#cell, :prefix)',
    names: { '#cell': 'cell' },
    values: { ':e': experimentId, ':prefix': PREFIX },
    consistent: true,
  });
  const counters: ExperimentCounters = { assigned: {}, expected: {}, pending: {} };
  for (const item of items) {
    const cell = String(item.cell);
    const n = Math.max(0, Number(item.n ?? 0));
    if (cell === EXPECTED) {
      for (const [attribute, share] of Object.entries(item))
        if (attribute.startsWith('share_'))
          counters.expected[attribute.slice('share_'.length)] = Number(share);
    } else if (cell.startsWith(ASSIGNED)) counters.assigned[cell.slice(ASSIGNED.length)] = n;
    else if (cell.startsWith(PENDING)) {
      const [variant, metric] = cell.slice(PENDING.length).split('#');
      if (!variant || !metric) continue;
      (counters.pending[metric] ??= {})[variant] = n;
    }
  }
  return counters;
}
