import { deleteItem, queryItems } from '../../db/items';
import { erasedAmong } from '../../privacy/erasure/tombstones';
import type { Experiment } from '../experiment';
import { listExperiments } from '../list-experiments';
import { dueItemSchema, dueUpTo, DUE_PREFIX, missedValues } from './outcome-cells';
import { getOpenOutcome, resolveOutcome } from './outcome-store';

/** Late events (a purchase placed before the close, delivered after it) get this long before a window counts as missed. */
const SWEEP_GRACE_MS = 60 * 60_000;
const PER_EXPERIMENT = 500;

/**
 * The periodic sweep (the worker, every 5 minutes): outcomes due more than SWEEP_GRACE_MS ago with nothing
 * resolving them are recorded as 0 — a prediction whose category was not bought within its horizon (accuracy and
 * bought_within_horizon 0, no interval score), a showing that did not convert. Reads only the due items (a range query per live experiment, at most 500 each per sweep); an outcome of
 * an erased customer is dropped; due items left by an interrupted write are removed.
 */
export async function sweepOutcomes(now = new Date()): Promise<{ resolved: number; dropped: number }> {
  const experiments: Experiment[] = (
    await Promise.all([
      listExperiments({ status: 'running' }),
      listExperiments({ status: 'paused' }),
      listExperiments({ status: 'stopped' }),
    ])
  ).flat();
  let resolved = 0;
  let dropped = 0;
  const cutoff = new Date(now.getTime() - SWEEP_GRACE_MS);
  for (const experiment of experiments) {
    const due = await queryItems('experiment_observations', {
      keyCondition: 'experimentId = :e AND #cell BETWEEN :from AND :to',
      names: { '#cell': 'cell' },
      values: { ':e': experiment.key, ':from': DUE_PREFIX, ':to': dueUpTo(cutoff) },
      consistent: true,
      limit: PER_EXPERIMENT,
    });
    const items = due.map((item) => dueItemSchema.parse(item));
    const outcomes = await Promise.all(items.map((d) => getOpenOutcome(experiment.key, d.outCell)));
    const erased = await erasedAmong(outcomes.flatMap((o) => (o?.customerId ? [o.customerId] : [])));
    for (const [i, item] of items.entries()) {
      const outcome = outcomes[i];
      if (!outcome || outcome.observationId !== item.observationId) {
        await deleteItem('experiment_observations', { experimentId: experiment.key, cell: item.cell });
        continue;
      }
      const gone = !outcome.customerId || erased.has(outcome.customerId);
      const values = outcome.metric === 'accuracy' ? missedValues(outcome) : { conversion: 0 };
      const dueAt = new Date(outcome.resolvesBy ?? outcome.closesAt);
      if (await resolveOutcome(experiment, outcome, gone ? null : values, dueAt)) resolved += 1;
      else if (gone) dropped += 1;
    }
  }
  return { resolved, dropped };
}
