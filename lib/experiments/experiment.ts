import { z } from 'zod';
import { isSegment, SEGMENTS, type Segment } from '../events/segments';
import { invalidInput } from '../errors/invalid-input';
import { customMetricSchema, isBuiltinMetric, metricKeySchema, type CustomMetric } from './metrics';
import { HOLDOUT_VARIANT, variantSchema, type Variant } from './variant';

export { HOLDOUT_VARIANT, type AnalyzerConfig, type Variant } from './variant';

/**
 * An experiment in `experiments`: an A/B test of customer-analysis analyzers (the statistical baseline, Claude models,
 * prompt versions), judged on a primary metric with secondary and guardrail metrics, for a targeted share of
 * customers, ramped up in steps. Its key is a slug chosen at creation; it is the item's `experimentId`, the
 * `experimentId` of events and the bucketing seed unless another seed is given. The shape is defined once here and
 * parses what comes in (routes) and what comes back from storage.
 */

export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'stopped', 'concluded'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const experimentKeySchema = z
  .string()
  .regex(
    /^(?=.{3,64}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be a slug of 3–64 lower-case letters, digits and single hyphens',
  )
  // The dashboard's create form lives at /experiments/new.
  .refine((key) => key !== 'new', 'new is reserved; choose another key');

const guardrailSchema = z.strictObject({
  metric: metricKeySchema,
  /** How much worse than control (relative, percent) a variant may be before the guardrail fails. */
  tolerancePercent: z.number().min(0).max(100).default(10),
});
export type Guardrail = z.infer<typeof guardrailSchema>;

// Checked by hand rather than as a union, so that a wrong segment is reported at its own index.
const segmentsSchema = z
  .union([z.literal('all'), z.array(z.string())], { message: 'must be all or a list of segments' })
  .superRefine((value, ctx) => {
    if (value === 'all') return;
    if (!value.length) ctx.addIssue({ code: 'custom', message: 'name at least one segment, or all' });
    value.forEach((segment, i) => {
      if (!isSegment(segment))
        ctx.addIssue({ code: 'custom', path: [i], message: `must be one of ${SEGMENTS.join(', ')}` });
      else if (value.indexOf(segment) !== i)
        ctx.addIssue({ code: 'custom', path: [i], message: `${segment} is listed twice` });
    });
  })
  .transform((value) => value as 'all' | Segment[]);

const targetingSchema = z.strictObject({
  /** RFM segments whose customers may enter, or `all` (customers without a segment included). */
  segments: segmentsSchema,
});
export type Targeting = z.infer<typeof targetingSchema>;

const rampPercentSchema = z.number().gt(0, 'must be above 0').max(100, 'must be at most 100');

/** The fields a definition is made of, without defaults (a patch names only what it changes). */
const definitionFields = {
  name: z.string().trim().min(1, 'must not be empty').max(120),
  hypothesis: z.string().trim().min(1, 'must not be empty').max(2000),
  variants: z.array(variantSchema).min(2, 'needs a control and at least one other variant').max(6),
  controlVariant: z.string(),
  primaryMetric: metricKeySchema,
  secondaryMetrics: z.array(metricKeySchema).max(10),
  guardrails: z.array(guardrailSchema).max(10),
  customMetrics: z.array(customMetricSchema).max(10),
  targeting: targetingSchema,
  /** Percent of the customers entering who are held out (0–50). */
  holdoutPercent: z.number().min(0, 'must be 0–50').max(50, 'must be 0–50'),
  plannedSampleSizePerVariant: z.number().int().min(1).max(10_000_000),
  /** Percent of eligible traffic at each ramp step, increasing (e.g. [10, 50, 100]). */
  rampSteps: z.array(rampPercentSchema).min(1).max(10),
  /** Bucketing seed; the key when not given. Fixed once the experiment has started. */
  hashSeed: z.string().min(1).max(64),
};

interface DefinitionLike {
  variants: readonly Variant[];
  controlVariant: string;
  primaryMetric: string;
  secondaryMetrics: readonly string[];
  guardrails: readonly Guardrail[];
  customMetrics: readonly CustomMetric[];
  targeting: Targeting;
  rampSteps: readonly number[];
}

const duplicates = <T>(items: readonly T[]) => items.filter((item, i) => items.indexOf(item) !== i);

/** The rules across fields; each problem names its path. */
function checkDefinition(d: DefinitionLike, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const names = d.variants.map((v) => v.name);
  d.variants.forEach((v, i) => {
    if (names.indexOf(v.name) !== i) issue(['variants', i, 'name'], `${v.name} is used by two variants`);
  });
  if (!names.includes(d.controlVariant))
    issue(['controlVariant'], `must be one of the variants (${names.join(', ')})`);
  const total = d.variants.reduce((sum, v) => sum + v.weight, 0);
  if (Math.abs(total - 100) > 0.01)
    issue(['variants'], `the weights must add up to 100 (they add up to ${Number(total.toFixed(4))})`);
  const customKeys = d.customMetrics.map((m) => m.key);
  for (const key of duplicates(customKeys)) issue(['customMetrics'], `${key} is declared twice`);
  const known = (key: string) => isBuiltinMetric(key) || customKeys.includes(key);
  const unknown = (key: string) => `${key} is neither a built-in metric nor one of customMetrics`;
  if (!known(d.primaryMetric)) issue(['primaryMetric'], unknown(d.primaryMetric));
  d.secondaryMetrics.forEach((key, i) => {
    if (!known(key)) issue(['secondaryMetrics', i], unknown(key));
    else if (key === d.primaryMetric) issue(['secondaryMetrics', i], `${key} is already the primary metric`);
    else if (d.secondaryMetrics.indexOf(key) !== i) issue(['secondaryMetrics', i], `${key} is listed twice`);
  });
  const guardrailKeys = d.guardrails.map((g) => g.metric);
  guardrailKeys.forEach((key, i) => {
    const path = ['guardrails', i, 'metric'];
    if (!known(key)) issue(path, unknown(key));
    else if (key === d.primaryMetric)
      issue(path, `${key} is the primary metric; it cannot also be a guardrail`);
    else if (d.secondaryMetrics.includes(key)) issue(path, `${key} is a secondary metric; choose one role`);
    else if (guardrailKeys.indexOf(key) !== i) issue(path, `${key} is listed twice`);
  });
  d.rampSteps.forEach((percent, i) => {
    const before = d.rampSteps[i - 1];
    if (before !== undefined && percent <= before)
      issue(['rampSteps', i], `each step must be above the one before (${percent} follows ${before})`);
  });
}

/** What creating an experiment takes (a draft). */
export const experimentDefinitionSchema = z
  .strictObject({
    key: experimentKeySchema,
    ...definitionFields,
    secondaryMetrics: definitionFields.secondaryMetrics.default([]),
    guardrails: definitionFields.guardrails.default([]),
    customMetrics: definitionFields.customMetrics.default([]),
    targeting: targetingSchema.default({ segments: 'all' }),
    holdoutPercent: definitionFields.holdoutPercent.default(0),
    plannedSampleSizePerVariant: definitionFields.plannedSampleSizePerVariant.optional(),
    rampSteps: definitionFields.rampSteps.default([100]),
    hashSeed: definitionFields.hashSeed.optional(),
  })
  .superRefine(checkDefinition);
export type ExperimentDefinitionInput = z.input<typeof experimentDefinitionSchema>;
export type ExperimentDefinition = z.output<typeof experimentDefinitionSchema>;

/**
 * A change to an experiment (PATCH): any definition field while it is a draft; once started only the variants'
 * weights and the ramp steps not yet reached (lifecycle.ts applies these rules). `plannedSampleSizePerVariant: null`
 * clears it.
 */
export const experimentPatchSchema = z.strictObject({
  name: definitionFields.name.optional(),
  hypothesis: definitionFields.hypothesis.optional(),
  variants: definitionFields.variants.optional(),
  controlVariant: definitionFields.controlVariant.optional(),
  primaryMetric: definitionFields.primaryMetric.optional(),
  secondaryMetrics: definitionFields.secondaryMetrics.optional(),
  guardrails: definitionFields.guardrails.optional(),
  customMetrics: definitionFields.customMetrics.optional(),
  targeting: targetingSchema.optional(),
  holdoutPercent: definitionFields.holdoutPercent.optional(),
  plannedSampleSizePerVariant: definitionFields.plannedSampleSizePerVariant.nullable().optional(),
  rampSteps: definitionFields.rampSteps.optional(),
  hashSeed: definitionFields.hashSeed.optional(),
});
export type ExperimentPatch = z.input<typeof experimentPatchSchema>;

/** The result of checking guardrails before a ramp step moves (computed by the statistics, recorded here). */
export const guardrailCheckSchema = z.strictObject({
  passed: z.boolean(),
  results: z
    .array(
      z.strictObject({
        metric: metricKeySchema,
        passed: z.boolean(),
        /** What was seen, in words with units (e.g. "latency +14% (95% CI +6% to +22%) vs control"). */
        detail: z.string().max(300).optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type GuardrailCheck = z.output<typeof guardrailCheckSchema>;

const rampStepSchema = z.object({
  percent: rampPercentSchema,
  /** When traffic last moved to this step. */
  startedAt: z.string().optional(),
  /** The guardrail check made when the step was left (forward or back). */
  guardrailCheck: guardrailCheckSchema.extend({ at: z.string() }).optional(),
});
export type RampStep = z.infer<typeof rampStepSchema>;

const RAMP_ACTIONS = ['start', 'advance', 'rollback', 'resume', 'reschedule'] as const;

export const rampEventSchema = z.object({
  at: z.string(),
  by: z.string(),
  action: z.enum(RAMP_ACTIONS),
  fromPercent: z.number(),
  toPercent: z.number(),
  /** For a rollback: the guardrail metric that failed. */
  failedGuardrail: z.string().optional(),
  reason: z.string().optional(),
});
export type RampEvent = z.infer<typeof rampEventSchema>;

const rampSchema = z.object({
  steps: z.array(rampStepSchema).min(1),
  /** Index of the step in force; -1 means 0 % (not started, or rolled back to nothing). */
  currentStep: z.number().int().min(-1),
  history: z.array(rampEventSchema),
});
export type Ramp = z.infer<typeof rampSchema>;

const historyEntrySchema = z.object({
  at: z.string(),
  by: z.string(),
  change: z.string(),
  reason: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** An experiment as stored (the item also holds `experimentId`, equal to `key`). */
export const experimentSchema = z.object({
  key: experimentKeySchema,
  name: definitionFields.name,
  hypothesis: definitionFields.hypothesis,
  variants: definitionFields.variants,
  controlVariant: z.string(),
  primaryMetric: metricKeySchema,
  secondaryMetrics: definitionFields.secondaryMetrics,
  guardrails: definitionFields.guardrails,
  customMetrics: definitionFields.customMetrics,
  targeting: targetingSchema,
  holdoutPercent: definitionFields.holdoutPercent,
  plannedSampleSizePerVariant: definitionFields.plannedSampleSizePerVariant.optional(),
  hashSeed: definitionFields.hashSeed,
  status: z.enum(EXPERIMENT_STATUSES),
  ramp: rampSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  stoppedAt: z.string().optional(),
  concludedAt: z.string().optional(),
  /** Set when concluded: the variant to keep (null: none of them), in the marketer's words. */
  conclusion: z.object({ winner: z.string().nullable(), summary: z.string().optional() }).optional(),
  history: z.array(historyEntrySchema),
  /** Every write is conditional on it: two people editing at once cannot overwrite each other. */
  revision: z.number().int().nonnegative(),
});
export type Experiment = z.infer<typeof experimentSchema>;

/** Parses caller input, or throws the 400 that names each bad field (`body.<path>`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error, 'body');
  return result.data;
}

/** The variant named `name`, or undefined (`holdout` is served like control). */
export function variantNamed(experiment: Experiment, name: string): Variant | undefined {
  const wanted = name === HOLDOUT_VARIANT ? experiment.controlVariant : name;
  return experiment.variants.find((v) => v.name === wanted);
}

/** Every metric the experiment names: primary, secondary, guardrails (custom ones included when referenced). */
export function experimentMetrics(
  experiment: Pick<Experiment, 'primaryMetric' | 'secondaryMetrics' | 'guardrails'>,
) {
  return [
    experiment.primaryMetric,
    ...experiment.secondaryMetrics,
    ...experiment.guardrails.map((g) => g.metric),
  ];
}
