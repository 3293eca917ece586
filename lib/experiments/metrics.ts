import { z } from 'zod';

/**
 * The metrics an analyzer experiment can be judged on. Built-in ones are measured by the analysis pipeline (cost,
 * latency, tokens, schema validity) or later from orders and storefront events (accuracy, conversion); an experiment
 * may declare custom ones.
 * Pure.
 *
 * A next-purchase prediction is scored as the backtest scores it (lib/math/scores.ts): `interval_score` over the
 * predictions whose category was bought within the horizon (a wider window cannot win by being wide),
 * `bought_within_horizon` over all of them (the "whether"), `accuracy` (bought inside the window) beside them — a
 * hit rate a wider window wins by construction, so never the one that decides between window widths.
 *
 * - `proportion`: each observation is 0 or 1 (or a share in [0, 1]); the mean is the rate.
 * - `mean`: each observation is a number; the mean is compared.
 * - `ratio`: derived from two recorded metrics (sum of numerator ÷ sum of denominator); never recorded itself.
 */
export const METRIC_KINDS = ['proportion', 'mean', 'ratio'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export type MetricDirection = 'higher' | 'lower';

export interface MetricDefinition {
  key: string;
  name: string;
  kind: MetricKind;
  /** Which way is better. */
  direction: MetricDirection;
  /** What one observation (or the ratio) is measured in, as shown next to every number. */
  unit: string;
  /** For ratios: the recorded metrics divided. */
  numerator?: string;
  denominator?: string;
  /** Lower and upper bounds of one recorded value. */
  min?: number;
  max?: number;
}

export const BUILTIN_METRICS = {
  accuracy: {
    key: 'accuracy',
    name: 'Accuracy',
    kind: 'proportion',
    direction: 'higher',
    unit: 'share of predictions where the customer bought within the predicted window',
    min: 0,
    max: 1,
  },
  interval_score: {
    key: 'interval_score',
    name: 'Interval score',
    kind: 'mean',
    direction: 'lower',
    unit: 'days per prediction whose category was bought within the horizon (window width + 2/α × the miss)',
    min: 0,
  },
  window_days: {
    key: 'window_days',
    name: 'Window width',
    kind: 'mean',
    direction: 'lower',
    unit: 'days from the first to the last day of the window, for the predictions with an interval score',
    min: 0,
  },
  bought_within_horizon: {
    key: 'bought_within_horizon',
    name: 'Bought within the horizon',
    kind: 'proportion',
    direction: 'higher',
    unit: 'share of predictions whose category the customer bought within the horizon (90 days)',
    min: 0,
    max: 1,
  },
  cost_usd: {
    key: 'cost_usd',
    name: 'Cost',
    kind: 'mean',
    direction: 'lower',
    unit: 'USD per analysis',
    min: 0,
  },
  latency_ms: {
    key: 'latency_ms',
    name: 'Latency',
    kind: 'mean',
    direction: 'lower',
    unit: 'ms per analysis',
    min: 0,
  },
  tokens: {
    key: 'tokens',
    name: 'Tokens',
    kind: 'mean',
    direction: 'lower',
    unit: 'language-model tokens per analysis (input, output and cache)',
    min: 0,
  },
  schema_valid: {
    key: 'schema_valid',
    name: 'Valid answers',
    kind: 'proportion',
    direction: 'higher',
    unit: "share of analyses written by the variant's own analyzer (its answer passed the checks, no stand-in)",
    min: 0,
    max: 1,
  },
  conversion: {
    key: 'conversion',
    name: 'Conversion',
    kind: 'proportion',
    direction: 'higher',
    unit: 'share of recommendations shown that were clicked or followed by an order within 24 h',
    min: 0,
    max: 1,
  },
  cost_per_correct: {
    key: 'cost_per_correct',
    name: 'Cost per correct prediction',
    kind: 'ratio',
    direction: 'lower',
    unit: 'USD per correct prediction',
    numerator: 'cost_usd',
    denominator: 'accuracy',
  },
} as const satisfies Record<string, MetricDefinition>;

export type BuiltinMetricKey = keyof typeof BUILTIN_METRICS;
export const BUILTIN_METRIC_KEYS = Object.keys(BUILTIN_METRICS) as BuiltinMetricKey[];

export function isBuiltinMetric(key: string): key is BuiltinMetricKey {
  return Object.hasOwn(BUILTIN_METRICS, key);
}

/** Metric keys are also parts of storage keys (`#`-separated), so they are kept to a small alphabet. */
export const metricKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be 2–40 lower-case letters, digits or _, starting with a letter');

export const customMetricSchema = z.strictObject({
  key: metricKeySchema.refine((key) => !isBuiltinMetric(key), 'is a built-in metric; choose another key'),
  name: z.string().trim().min(1, 'must not be empty').max(80),
  kind: z.enum(['proportion', 'mean'], { message: 'must be proportion or mean' }),
  direction: z.enum(['higher', 'lower'], { message: 'must be higher or lower' }),
  unit: z.string().trim().min(1, 'must say what one observation is measured in').max(80),
});
export type CustomMetric = z.infer<typeof customMetricSchema>;

/** The definition of `key` among the built-ins and an experiment's custom metrics, if any. */
export function metricDefinition(
  key: string,
  custom: readonly CustomMetric[] = [],
): MetricDefinition | undefined {
  if (isBuiltinMetric(key)) return BUILTIN_METRICS[key];
  return custom.find((m) => m.key === key);
}
