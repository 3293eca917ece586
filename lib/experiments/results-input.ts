import { experimentMetrics, HOLDOUT_VARIANT, type Experiment } from './experiment';
import { metricDefinition } from './metrics';
import type { MetricTotals, SufficientStats } from './observation-cells';
import type { ExperimentInput, MetricDefinition as StatsMetric } from './stats/results-types';
import type { MetricSummary } from './stats/summaries';

/**
 * From an experiment's stored sums to the statistics engine's input (lib/experiments/stats). Pure.
 *
 * - Means and proportions go as they are; CUPED sums only where every observation had a covariate (nX = n).
 * - A proportion whose sums are not counts of 0/1 values (a custom metric recorded as shares) is read as a mean.
 * - A ratio metric (cost_per_correct = Σ cost ÷ Σ correct) goes as a ratio: the numerator's sums with the
 *   denominator's (Σd, Σd², Σyd); the engine applies the delta method (docs/statistics.md, "Ratio metrics").
 */

/** Used when the experiment has no planned sample: the sequential test is tuned for it and decisions show progress. */
const DEFAULT_PLANNED_PER_VARIANT = 1_000;

/** The summary of one variant's metric from its sums (see the module comment for ratios and CUPED). */
function summaryOf(stats: SufficientStats | undefined, kind: 'mean' | 'proportion' | 'ratio'): MetricSummary {
  if (kind === 'ratio') {
    if (!stats || stats.n <= 0)
      return { n: 0, sum: 0, sumSquares: 0, ratio: { sumDen: 0, sumDenSquares: 0, sumNumDen: 0 } };
    const { n, sum, sumSquares, sumDen, sumDenSquares, sumNumDen } = stats;
    return { n, sum, sumSquares, ratio: { sumDen, sumDenSquares, sumNumDen } };
  }
  if (!stats || stats.n <= 0) return { n: 0, sum: 0, sumSquares: 0 };
  const summary: MetricSummary = { n: stats.n, sum: stats.sum, sumSquares: stats.sumSquares };
  if (stats.nX === stats.n)
    summary.cuped = { sumX: stats.sumX, sumXSquares: stats.sumXSquares, sumXY: stats.sumXY };
  return summary;
}

const isCountOfOnes = (s: MetricSummary) =>
  Number.isInteger(s.sum) && s.sum >= 0 && s.sum <= s.n && s.sumSquares === s.sum;

/** Lookup of the stored totals: variant → metric → sums. */
function totalsByVariant(totals: readonly MetricTotals[]): Map<string, Map<string, SufficientStats>> {
  const out = new Map<string, Map<string, SufficientStats>>();
  for (const t of totals) {
    if (!out.has(t.variant)) out.set(t.variant, new Map());
    out.get(t.variant)!.set(t.metric, t);
  }
  return out;
}

/** The metrics the engine analyses, with their roles, and each one's summaries per variant. */
export function metricsAndSummaries(
  experiment: Experiment,
  statsOf: (variant: string, metric: string) => SufficientStats | undefined,
  only?: readonly string[],
): Pick<ExperimentInput, 'metrics' | 'summaries'> {
  const roleOf = (key: string): StatsMetric['role'] =>
    key === experiment.primaryMetric
      ? 'primary'
      : experiment.guardrails.some((g) => g.metric === key)
        ? 'guardrail'
        : 'secondary';
  const summaries: Record<string, Record<string, MetricSummary>> = {};
  const metrics: StatsMetric[] = [];
  for (const key of experimentMetrics(experiment)) {
    if (only && !only.includes(key)) continue;
    const definition = metricDefinition(key, experiment.customMetrics);
    const stored = definition?.kind ?? 'mean';
    const perVariant = experiment.variants.map(
      (v) => [v.name, summaryOf(statsOf(v.name, key), stored)] as const,
    );
    const kind =
      stored === 'ratio'
        ? 'ratio'
        : stored === 'proportion' && perVariant.every(([, s]) => isCountOfOnes(s))
          ? 'proportion'
          : 'mean';
    for (const [variant, summary] of perVariant) (summaries[variant] ??= {})[key] = summary;
    metrics.push({
      key,
      label: definition?.name ?? key,
      kind,
      direction: definition?.direction === 'higher' ? 'higher-is-better' : 'lower-is-better',
      role: roleOf(key),
    });
  }
  return { metrics, summaries };
}

/**
 * The engine's whole input. Weights of 0 % (a variant switched off after the start) count as a sliver, because the
 * engine needs positive weights; users assigned while it had a share then show as a sample-ratio mismatch.
 */
export function buildResultsInput(
  experiment: Experiment,
  totals: readonly MetricTotals[],
  assigned: Readonly<Record<string, number>>,
  /** Assignments the weights of the time should have given (counters.ts); the sample-ratio check's expectation. */
  expected: Readonly<Record<string, number>> = {},
): ExperimentInput {
  const knowsExpected = experiment.variants.some((v) => (expected[v.name] ?? 0) > 0);
  const byVariant = totalsByVariant(totals);
  return {
    ...metricsAndSummaries(experiment, (variant, metric) => byVariant.get(variant)?.get(metric)),
    variants: experiment.variants.map((v) => ({
      name: v.name,
      // The engine uses weights only as the sample-ratio check's expected split.
      weight: Math.max(knowsExpected ? (expected[v.name] ?? 0) : v.weight, 1e-6),
      isControl: v.name === experiment.controlVariant,
    })),
    assignments: Object.fromEntries(experiment.variants.map((v) => [v.name, assigned[v.name] ?? 0])),
    plannedSamplePerVariant: Math.max(
      2,
      experiment.plannedSampleSizePerVariant ?? DEFAULT_PLANNED_PER_VARIANT,
    ),
  };
}

/** Σ cost ÷ Σ correct per variant (USD per correct prediction), from outcomes that carried their cost; null before any. */
export function costPerCorrectOf(
  experiment: Experiment,
  totals: readonly MetricTotals[],
): Record<string, number | null> {
  const names = [...experiment.variants.map((v) => v.name)];
  if (totals.some((t) => t.variant === HOLDOUT_VARIANT)) names.push(HOLDOUT_VARIANT);
  return Object.fromEntries(
    names.map((name) => {
      const ratio = totals.find((t) => t.variant === name && t.metric === 'cost_per_correct');
      return [name, ratio && ratio.sumDen > 0 ? ratio.sum / ratio.sumDen : null];
    }),
  );
}

/** Per variant, how its next-purchase predictions scored (plain means of the recorded sums, for the verdict). */
export interface PredictionScores {
  /** Predictions resolved (bought within the horizon or not), and the share bought within it. */
  resolved: number;
  boughtShare: number | null;
  /** Predictions with an interval score (bought within the horizon), their mean score and window width in days. */
  scored: number;
  intervalScore: number | null;
  windowDays: number | null;
}

export function predictionScoresOf(
  experiment: Experiment,
  totals: readonly MetricTotals[],
): Record<string, PredictionScores> {
  const sum = (variant: string, metric: string) => {
    const mine = totals.filter((t) => t.variant === variant && t.metric === metric);
    return { n: mine.reduce((s, t) => s + t.n, 0), sum: mine.reduce((s, t) => s + t.sum, 0) };
  };
  const mean = (x: { n: number; sum: number }) => (x.n > 0 ? x.sum / x.n : null);
  return Object.fromEntries(
    experiment.variants.map((v) => {
      const bought = sum(v.name, 'bought_within_horizon');
      const score = sum(v.name, 'interval_score');
      return [
        v.name,
        {
          resolved: bought.n,
          boughtShare: mean(bought),
          scored: score.n,
          intervalScore: mean(score),
          windowDays: mean(sum(v.name, 'window_days')),
        },
      ];
    }),
  );
}
