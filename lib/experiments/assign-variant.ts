import { getCustomerItem } from '../customers/get-customer';
import { ConditionFailedError, getItem, putItem } from '../db/items';
import { mayUse } from '../privacy/consent/may-use';
import { assignmentSchema, type Assignment, type AssignmentOutcome } from './assignment';
import { countAssigned, countExpectedShares } from './counters';
import { HOLDOUT_VARIANT, variantNamed, type Experiment } from './experiment';
import { requireExperiment } from './get-experiment';
import { chooseVariation, getBucketRanges, hash } from './hash';
import { currentPercent } from './lifecycle';

/** The holdout draw uses its own seed, so being held out says nothing about the variant one would have had. */
const holdoutSeed = (experiment: Pick<Experiment, 'hashSeed'>) => `${experiment.hashSeed}__holdout`;

function outcomeOf(experiment: Experiment, row: Assignment, isNew: boolean): AssignmentOutcome {
  const variant =
    variantNamed(experiment, row.variant) ?? variantNamed(experiment, experiment.controlVariant)!;
  return {
    inExperiment: true,
    experimentKey: experiment.key,
    variant: row.variant,
    holdout: row.holdout,
    analyzer: variant.analyzer,
    active: experiment.status === 'running',
    new: isNew,
    assignedAt: row.assignedAt,
  };
}

/** Whether the customer may enter: targeting by segment, and the consent the experiment's arms need. */
async function eligibility(
  experiment: Experiment,
  customerId: string,
): Promise<'ok' | 'not_targeted' | 'no_consent'> {
  const { segments } = experiment.targeting;
  if (segments !== 'all') {
    // Using the segment to target is personalization (docs/privacy.md, "Purposes and defaults").
    if (!(await mayUse(customerId, 'personalization'))) return 'no_consent';
    const segment = (await getCustomerItem(customerId))?.segment;
    if (!segment || !(segments as readonly string[]).includes(segment)) return 'not_targeted';
  }
  // A model arm a customer's data may not be sent to would silently fall back to the statistical text and blur the
  // comparison, so such customers stay out of experiments with a Bedrock arm.
  if (experiment.variants.some((v) => v.analyzer.provider === 'bedrock'))
    if (!(await mayUse(customerId, 'ai_processing'))) return 'no_consent';
  return 'ok';
}

/**
 * The customer's variant in the experiment, assigned on first ask and sticky afterwards: a stored assignment is
 * returned as it is, whatever happened to weights or ramp since. A new customer enters only while the experiment
 * runs, if targeted and consenting, and if their bucket (GrowthBook hash v2 of the seed and customer id) falls in
 * the current ramp coverage; then the holdout draw (a separate seed) and the weighted GrowthBook ranges decide.
 * Customers left out are not recorded, so they can enter later (a wider ramp, a new segment, new consent).
 *
 * The row is written with attribute_not_exists, so concurrent first calls agree: the loser reads the winner's row.
 * The writer then adds one to the variant's assignment counter (counters.ts), which the sample-ratio check reads.
 * Unknown experiment: 404.
 */
export async function assignVariant(
  experimentKey: string,
  customerId: string,
  options: { now?: Date; experiment?: Experiment } = {},
): Promise<AssignmentOutcome> {
  const experiment = options.experiment ?? (await requireExperiment(experimentKey));
  const key = { experimentId: experiment.key, customerId };
  const stored = await getItem('experiment_assignments', key, { consistent: true });
  if (stored) return outcomeOf(experiment, assignmentSchema.parse(stored), false);
  if (experiment.status !== 'running')
    return { inExperiment: false, experimentKey: experiment.key, reason: 'not_running' };
  const eligible = await eligibility(experiment, customerId);
  if (eligible !== 'ok') return { inExperiment: false, experimentKey: experiment.key, reason: eligible };

  const percent = currentPercent(experiment);
  const bucket = hash(experiment.hashSeed, customerId, 2) as number;
  const ranges = getBucketRanges(
    experiment.variants.length,
    percent / 100,
    experiment.variants.map((v) => v.weight / 100),
  );
  const index = chooseVariation(bucket, ranges);
  if (index < 0) return { inExperiment: false, experimentKey: experiment.key, reason: 'outside_ramp' };
  const heldOut = (hash(holdoutSeed(experiment), customerId, 2) as number) < experiment.holdoutPercent / 100;
  const row: Assignment = {
    ...key,
    variant: heldOut ? HOLDOUT_VARIANT : experiment.variants[index]!.name,
    holdout: heldOut,
    assignedAt: (options.now ?? new Date()).toISOString(),
    bucket,
    coveragePercent: percent,
  };
  try {
    await putItem('experiment_assignments', row, { condition: 'attribute_not_exists(customerId)' });
    // Only the writer of the row counts it, so concurrent first calls count the customer once.
    await countAssigned(experiment.key, row.variant);
    if (!heldOut)
      await countExpectedShares(
        experiment.key,
        Object.fromEntries(experiment.variants.map((v) => [v.name, v.weight])),
      );
    return outcomeOf(experiment, row, true);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const winner = await getItem('experiment_assignments', key, { consistent: true });
    return outcomeOf(experiment, assignmentSchema.parse(winner), false);
  }
}
