import { z } from 'zod';
import { getConfig } from '../config';
import { ConditionFailedError, putItem, updateItem } from '../db/items';
import { HOLDOUT_VARIANT, parseInput, type Experiment } from './experiment';
import { requireExperiment } from './get-experiment';
import { fieldError, refused } from './lifecycle';
import { BUILTIN_METRICS, metricDefinition, type MetricDefinition } from './metrics';
import { dayOf, increments, seenCell, STAT_FIELDS, sumCell, type SufficientStats } from './observation-cells';

/**
 * One observation of a unit in a variant (typically: one analysis of a customer), with one or more metric values —
 * e.g. `{ cost_usd: 0.0021, latency_ms: 840, schema_valid: 1 }` when the analysis ran, and later, under another
 * observation id, `{ accuracy: 1 }` once the prediction window has passed. `covariates` are the same metrics'
 * pre-period values for CUPED.
 */
export const observationSchema = z.strictObject({
  /** Unique per observation; a repeated id is counted once. */
  observationId: z.string().min(1).max(240),
  variant: z.string().min(1).max(40),
  /** When it was observed (its day bucket is the store's day); default now. */
  at: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }).optional(),
  values: z
    .record(z.string(), z.number())
    .refine((v) => Object.keys(v).length > 0, 'record at least one metric')
    .refine((v) => Object.keys(v).length <= 20, 'at most 20 metrics per observation'),
  covariates: z.record(z.string(), z.number()).optional(),
});
export type ObservationInput = z.input<typeof observationSchema>;

function checkValue(
  path: string,
  key: string,
  value: number,
  metric: MetricDefinition | undefined,
  e: Experiment,
): void {
  if (!metric) {
    const custom = e.customMetrics.map((m) => m.key);
    throw fieldError(
      path,
      `is not a metric of this experiment (built-in: ${Object.keys(BUILTIN_METRICS).join(', ')}${custom.length ? `; custom: ${custom.join(', ')}` : ''})`,
    );
  }
  if (metric.kind === 'ratio')
    throw fieldError(path, `is derived (${metric.numerator} ÷ ${metric.denominator}); record those instead`);
  const min = metric.min ?? (metric.kind === 'proportion' ? 0 : undefined);
  const max = metric.max ?? (metric.kind === 'proportion' ? 1 : undefined);
  if ((min !== undefined && value < min) || (max !== undefined && value > max))
    throw fieldError(path, `must be ${min ?? '−∞'}–${max ?? '∞'} (${metric.unit})`);
}

/**
 * The cells one observation adds to: each recorded metric, and each ratio whose two parts were observed together.
 * `ratioOnly` values take part in ratios without being counted as observations of their own metric (an outcome
 * carries the cost of the analysis that made the prediction, already counted under cost_usd).
 */
function cellUpdates(input: z.output<typeof observationSchema>, ratioOnly: Record<string, number> = {}) {
  const updates: { metric: string; add: Partial<SufficientStats> }[] = [];
  for (const [key, value] of Object.entries(input.values))
    updates.push({ metric: key, add: increments(value, input.covariates?.[key]) });
  for (const metric of Object.values(BUILTIN_METRICS)) {
    if (metric.kind !== 'ratio') continue;
    const numerator = input.values[metric.numerator] ?? ratioOnly[metric.numerator];
    const denominator = input.values[metric.denominator] ?? ratioOnly[metric.denominator];
    const observed =
      input.values[metric.numerator] !== undefined || input.values[metric.denominator] !== undefined;
    if (observed && numerator !== undefined && denominator !== undefined)
      updates.push({ metric: metric.key, add: increments(numerator, undefined, denominator) });
  }
  return updates;
}

/**
 * Checks an observation against the experiment (400 unknown variant or metric, value out of range; 422 a draft or
 * a concluded experiment) without writing: a batch checks every observation before recording any.
 */
export function checkObservation(
  experiment: Experiment,
  observation: z.output<typeof observationSchema>,
  path = '',
): void {
  const at = (p: string) => `${path}${p}`;
  if (experiment.status === 'draft')
    throw refused(`Experiment ${experiment.key} has not started; nothing to observe yet.`);
  if (experiment.status === 'concluded')
    throw refused(`Experiment ${experiment.key} is concluded; its results are final.`);
  const variants = [...experiment.variants.map((v) => v.name), HOLDOUT_VARIANT];
  if (!variants.includes(observation.variant))
    throw fieldError(at('variant'), `must be one of ${variants.join(', ')}`);
  for (const [key, value] of Object.entries(observation.values))
    checkValue(at(`values.${key}`), key, value, metricDefinition(key, experiment.customMetrics), experiment);
  for (const key of Object.keys(observation.covariates ?? {}))
    if (observation.values[key] === undefined)
      throw fieldError(at(`covariates.${key}`), 'has no value in values to adjust');
}

/**
 * Records an observation into the experiment's running sums, once per observation id: a marker item for the id is
 * claimed first (attribute_not_exists), then each cell is moved with one `ADD` update. A redelivery finds the marker
 * and adds nothing. Without transactions (dynalite has none) a crash between the claim and the updates loses that
 * observation — an under-count of one, never a double count, which would bias the comparison.
 *
 * 404 unknown experiment; 400 unknown variant or metric, or a value out of range; 422 for a draft (nothing to
 * observe yet) or a concluded experiment (its results are final). Observations keep arriving after a stop: outcomes
 * such as accuracy are only known when the prediction window has passed.
 */
export async function recordObservation(
  experimentKey: string,
  input: ObservationInput,
  now = new Date(),
  options: {
    /** Already read (a batch records many into one experiment). */
    experiment?: Experiment;
    /** Parts of ratio metrics observed with this one but counted elsewhere (see cellUpdates). */
    ratioOnly?: Record<string, number>;
  } = {},
): Promise<{ recorded: boolean }> {
  const observation = parseInput(observationSchema, input);
  const experiment = options.experiment ?? (await requireExperiment(experimentKey));
  checkObservation(experiment, observation);

  const at = observation.at ? new Date(observation.at) : now;
  try {
    await putItem(
      'experiment_observations',
      {
        experimentId: experiment.key,
        cell: seenCell(observation.observationId),
        variant: observation.variant,
        recordedAt: now.toISOString(),
      },
      { condition: 'attribute_not_exists(#cell)', names: { '#cell': 'cell' } },
    );
  } catch (error) {
    if (error instanceof ConditionFailedError) return { recorded: false };
    throw error;
  }
  const day = dayOf(at, getConfig().STORE_TIMEZONE);
  await Promise.all(
    cellUpdates(observation, options.ratioOnly).map(({ metric, add }) => {
      const fields = STAT_FIELDS.filter((f) => add[f] !== undefined);
      const names: Record<string, string> = { '#variant': 'variant', '#metric': 'metric', '#day': 'day' };
      const values: Record<string, unknown> = {
        ':variant': observation.variant,
        ':metric': metric,
        ':day': day,
      };
      fields.forEach((f, i) => {
        names[`#f${i}`] = f;
        values[`:f${i}`] = add[f];
      });
      return updateItem(
        'experiment_observations',
        { experimentId: experiment.key, cell: sumCell(observation.variant, metric, day) },
        `SET #variant = :variant, #metric = :metric, #day = :day ADD ${fields.map((_, i) => `#f${i} :f${i}`).join(', ')}`,
        { names, values },
      );
    }),
  );
  return { recorded: true };
}
