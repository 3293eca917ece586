import { ConditionFailedError, deleteItem, getItem, putItem, queryItems } from '../../db/items';
import { pseudonymFor } from '../../privacy/pseudonym';
import { countPending } from '../counters';
import type { Experiment } from '../experiment';
import { recordObservation } from '../record-observation';
import { customerOutPrefix, dueCell, openOutcomeSchema, type OpenOutcome } from './outcome-cells';

/**
 * Opening and resolving outcomes (outcome-cells.ts). Every step is idempotent, so a redelivered event or a sweep
 * racing a purchase changes nothing twice: the observation is counted once per observation id (its marker), the
 * open item is deleted conditionally and only the deleter moves the pending counter.
 */

const TABLE = 'experiment_observations';
const notExists = { condition: 'attribute_not_exists(#cell)', names: { '#cell': 'cell' } };

/**
 * Opens an outcome unless one is open in its cell already (an accuracy cell holds one prediction per customer):
 * the due item first, so that a crash never leaves an open outcome the sweep cannot find (an orphaned due item is
 * dropped by the sweep). Returns whether it opened.
 */
export async function openOutcome(
  outcome: Omit<OpenOutcome, 'dueCell' | 'cell'> & { cell: string; customerId: string },
): Promise<boolean> {
  const due = dueCell(outcome.resolvesBy ?? outcome.closesAt, outcome.observationId);
  await putItem(TABLE, {
    experimentId: outcome.experimentId,
    cell: due,
    outCell: outcome.cell,
    observationId: outcome.observationId,
  });
  try {
    await putItem(TABLE, { ...outcome, dueCell: due }, notExists);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const existing = await getItem(TABLE, { experimentId: outcome.experimentId, cell: outcome.cell });
    // The same outcome opened before (a redelivery) keeps its due item; another one's is not ours to keep.
    if (existing?.observationId !== outcome.observationId)
      await deleteItem(TABLE, { experimentId: outcome.experimentId, cell: due });
    return false;
  }
  await countPending(outcome.experimentId, outcome.variant, outcome.metric, 1);
  return true;
}

/** The customer's open outcomes in one experiment. */
export async function openOutcomesOf(experimentId: string, customerId: string): Promise<OpenOutcome[]> {
  const items = await queryItems(TABLE, {
    keyCondition: 'experimentId = :e AND begins_with(#cell, :prefix)',
    names: { '#cell': 'cell' },
    values: { ':e': experimentId, ':prefix': customerOutPrefix(pseudonymFor(customerId)) },
    consistent: true,
  });
  return items.map((item) => openOutcomeSchema.parse(item));
}

export async function getOpenOutcome(experimentId: string, cell: string): Promise<OpenOutcome | undefined> {
  const item = await getItem(TABLE, { experimentId, cell }, { consistent: true });
  return item ? openOutcomeSchema.parse(item) : undefined;
}

/**
 * Records the outcome's values under its observation id — a prediction's accuracy with its scores (outcome-cells.ts
 * PredictionValues), a showing's conversion — or drops it (`null`: the customer was erased, or the experiment is
 * concluded), then closes it. A prediction carries the cost of its analysis into the cost-per-correct ratio (not
 * into cost_usd, counted when the analysis ran). Returns whether this call recorded it.
 */
export async function resolveOutcome(
  experiment: Experiment | undefined,
  outcome: OpenOutcome,
  values: Readonly<Record<string, number | undefined>> | null,
  at: Date,
): Promise<boolean> {
  let recorded = false;
  const live = experiment && experiment.status !== 'draft' && experiment.status !== 'concluded';
  if (values !== null && experiment && live) {
    const defined = Object.fromEntries(
      Object.entries(values).filter((e): e is [string, number] => e[1] !== undefined),
    );
    const result = await recordObservation(
      experiment.key,
      {
        observationId: outcome.observationId,
        variant: outcome.variant,
        at: at.toISOString(),
        values: defined,
      },
      at,
      {
        experiment,
        ...(defined.accuracy !== undefined && outcome.costUsd !== undefined
          ? { ratioOnly: { cost_usd: outcome.costUsd } }
          : {}),
      },
    );
    recorded = result.recorded;
  }
  try {
    await deleteItem(
      TABLE,
      { experimentId: outcome.experimentId, cell: outcome.cell },
      {
        condition: 'observationId = :o',
        values: { ':o': outcome.observationId },
      },
    );
    await countPending(outcome.experimentId, outcome.variant, outcome.metric, -1);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error; // closed by someone else meanwhile
  }
  await deleteItem(TABLE, { experimentId: outcome.experimentId, cell: outcome.dueCell });
  return recorded;
}
