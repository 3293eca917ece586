/**
 * computeResults(): one experiment's results and decision from its configuration and per-variant summaries.
 * Works on summaries only, so its cost depends on variants × metrics, never on the number of observations.
 */
import { bayesianComparison } from './bayesian';
import { adjustPValues } from './corrections';
import { cupedAdjust } from './cuped';
import { decide, type DecisionComparison } from './decide';
import {
  minimumDetectableEffectForMeans,
  minimumDetectableEffectForProportions,
  powerForMeans,
  powerForProportions,
  type PowerOptions,
} from './power';
import type {
  ExperimentInput,
  ExperimentResults,
  MetricDefinition,
  MetricResult,
  TestMethod,
  VariantComparison,
  VariantDefinition,
} from './results-types';
import { sequentialTest } from './sequential';
import { sampleRatioMismatch } from './srm';
import { emptySummary, momentsOf, momentsOfKind, type MetricSummary, type Moments } from './summaries';
import { summaryProblem } from './summary-problems';
import { welchTest } from './welch';

function validate(input: ExperimentInput, alpha: number): void {
  const fail = (sentence: string) => {
    throw new RangeError(sentence);
  };
  if (!(alpha > 0 && alpha < 0.5)) fail(`alpha must lie between 0 and 0.5 (got ${alpha}).`);
  if (!(Number.isInteger(input.plannedSamplePerVariant) && input.plannedSamplePerVariant >= 2)) {
    fail('plannedSamplePerVariant must be an integer of at least 2 (use the sample-size calculator).');
  }
  if (input.variants.filter((v) => v.isControl).length !== 1)
    fail('Exactly one variant must be the control.');
  if (input.variants.length < 2) fail('An experiment needs a control and at least one other variant.');
  if (new Set(input.variants.map((v) => v.name)).size !== input.variants.length)
    fail('Variant names must be unique.');
  if (!input.variants.every((v) => Number.isFinite(v.weight) && v.weight > 0)) {
    fail('Every variant weight must be a positive number.');
  }
  if (input.metrics.filter((m) => m.role === 'primary').length !== 1)
    fail('Exactly one metric must be primary.');
  if (new Set(input.metrics.map((m) => m.key)).size !== input.metrics.length)
    fail('Metric keys must be unique.');
  for (const m of input.metrics) {
    if (m.minimumEffect !== undefined && !(m.minimumEffect > 0)) {
      fail(`The minimum effect of ${m.key} must be a positive fraction (0.02 = 2 %).`);
    }
  }
}

/** The smallest effect that matters for a metric, absolute: configured (relative × control mean) or the plan's MDE. */
function minimumEffectOf(metric: MetricDefinition, control: Moments, planned: number, options: PowerOptions) {
  if (control.n < 2) return null;
  if (metric.minimumEffect !== undefined) {
    const base = control.cuped?.unadjustedMean ?? control.mean;
    return base === 0 ? null : metric.minimumEffect * Math.abs(base);
  }
  return metric.kind === 'proportion'
    ? minimumDetectableEffectForProportions(planned, control.mean, options)
    : minimumDetectableEffectForMeans(planned, Math.sqrt(control.variance), options);
}

function powerReachedOf(
  metric: MetricDefinition,
  control: Moments,
  treatment: Moments,
  minimumEffect: number | null,
  options: PowerOptions,
): number | null {
  if (minimumEffect === null || control.n < 2 || treatment.n < 2) return null;
  // Unequal arms: the harmonic mean is the equal-split size with the same standard error of the difference.
  const n = 2 / (1 / control.n + 1 / treatment.n);
  if (metric.kind !== 'proportion')
    return powerForMeans(n, minimumEffect, Math.sqrt(control.variance), options);
  const p = control.mean;
  const wanted = metric.direction === 'higher-is-better' ? minimumEffect : -minimumEffect;
  const effect = p + wanted >= 0 && p + wanted <= 1 ? wanted : -wanted;
  return powerForProportions(n, p, effect, options);
}

function compareVariant(
  metric: MetricDefinition,
  control: Moments,
  treatment: Moments,
  test: TestMethod,
  input: { alpha: number; planned: number },
): VariantComparison {
  const { alpha, planned } = input;
  const fixed = welchTest(control, treatment, alpha);
  const sequential = sequentialTest(control, treatment, { alpha, plannedTotal: 2 * planned });
  const bayesian = bayesianComparison(control, treatment, metric.direction);
  const chosen = test === 'fixed' ? fixed : sequential;
  const options: PowerOptions = { alpha, test, plannedPerVariant: planned };
  const minimumEffect = minimumEffectOf(metric, control, planned, options);
  return {
    test,
    status: chosen.status,
    note: chosen.status === 'ok' ? chosen.relativeUnavailable : chosen.reason,
    absolute: chosen.status === 'ok' ? chosen.absolute : null,
    relative: chosen.status === 'ok' ? chosen.relative : null,
    pValue: chosen.status === 'ok' ? chosen.absolute.pValue : null,
    pValueCorrected: null,
    significant: false,
    chanceToWin: bayesian.status === 'ok' ? bayesian.chanceToWin : null,
    powerReached: powerReachedOf(metric, control, treatment, minimumEffect, options),
    minimumEffect,
    alternatives: { fixed, sequential, bayesian },
  };
}

/** A comparison without numbers: not enough data yet, or refused sums; every test says the same. */
function withoutNumbers(
  test: TestMethod,
  status: 'insufficient-data' | 'refused',
  reason: string,
): VariantComparison {
  const answer = { status, reason };
  return {
    test,
    status,
    note: reason,
    absolute: null,
    relative: null,
    pValue: null,
    pValueCorrected: null,
    significant: false,
    chanceToWin: null,
    powerReached: null,
    minimumEffect: null,
    alternatives: { fixed: answer, sequential: answer, bayesian: answer },
  };
}

/** The first variant whose sums are impossible, as the sentence the page shows; null when all can be read. */
function refusalOf(
  metric: MetricDefinition,
  variants: readonly VariantDefinition[],
  summaries: MetricSummary[],
) {
  for (const [i, summary] of summaries.entries()) {
    const problem = summaryProblem(summary, metric.kind);
    if (problem) {
      return `cannot compute ${metric.label ?? metric.key}: the sums recorded for ${variants[i]!.name} are impossible (${problem})`;
    }
  }
  return null;
}

function analyseMetric(
  metric: MetricDefinition,
  variants: readonly VariantDefinition[],
  input: ExperimentInput,
  settings: { alpha: number; method: TestMethod; planned: number },
): MetricResult {
  const summaries: MetricSummary[] = variants.map(
    (v) => input.summaries[v.name]?.[metric.key] ?? emptySummary(),
  );
  // Guardrails protect users, so they are read with the test that stays valid at every look, whatever the method.
  const test: TestMethod = metric.role === 'guardrail' ? 'sequential' : settings.method;
  const header = {
    key: metric.key,
    label: metric.label ?? metric.key,
    kind: metric.kind,
    direction: metric.direction,
    role: metric.role,
  };
  const refusal = refusalOf(metric, variants, summaries);
  if (refusal) {
    // Numbers from impossible sums would look right and be wrong, so none are shown, only the reason.
    return {
      ...header,
      status: 'refused',
      refusal,
      cuped: null,
      variants: variants.map((v, i) => ({
        variant: v.name,
        isControl: v.isControl,
        n: Number.isInteger(summaries[i]!.n) && summaries[i]!.n > 0 ? summaries[i]!.n : 0,
        mean: null,
        unadjustedMean: null,
        comparison: v.isControl ? null : withoutNumbers(test, 'refused', refusal),
      })),
    };
  }
  // Ratio metrics are read without CUPED (their covariate would need its own delta method).
  const cuped = metric.kind === 'ratio' ? null : cupedAdjust(summaries);
  const moments = summaries.map((s, i) => cuped?.variants[i]?.adjusted ?? momentsOfKind(s, metric.kind));
  const controlIndex = variants.findIndex((v) => v.isControl);
  const control = moments[controlIndex] ?? null;
  const noDenominator = (name: string) =>
    `${name} has no denominator yet (its sum is 0), so its ratio is undefined`;
  return {
    ...header,
    status: 'ok',
    refusal: null,
    cuped: cuped
      ? { theta: cuped.theta, varianceReduction: cuped.variants[controlIndex]?.varianceReduction ?? 0 }
      : null,
    variants: variants.map((v, i) => {
      const m = moments[i] ?? null;
      const raw = metric.kind === 'ratio' ? m : momentsOf(summaries[i] as MetricSummary);
      let comparison: VariantComparison | null = null;
      if (!v.isControl) {
        comparison =
          control && m
            ? compareVariant(metric, control, m, test, settings)
            : withoutNumbers(
                test,
                'insufficient-data',
                noDenominator(control ? v.name : variants[controlIndex]!.name),
              );
      }
      return {
        variant: v.name,
        isControl: v.isControl,
        n: summaries[i]!.n,
        mean: m && m.n > 0 ? m.mean : null,
        unadjustedMean: raw && raw.n > 0 ? raw.mean : null,
        comparison,
      };
    }),
  };
}

/**
 * Results for one experiment: per metric and variant the n, mean (CUPED-adjusted when covariate sums are given),
 * absolute and relative effects with intervals, raw and corrected p-values, chance to win, power reached and the
 * minimum effect; the SRM check; and the decision (see decide()). Defaults: α = 0.05, the sequential test (valid
 * under continuous monitoring), Holm's correction over every (variant × metric) comparison. The fixed and Bayesian
 * answers are always computed and kept under `alternatives`. Throws a RangeError, with a sentence naming the
 * problem, when the configuration is malformed. Sums that no data can produce refuse their metric only (status
 * `refused` with the sentence; the decision will not ship on a refused primary or guardrail); too little data is
 * a status, not an error.
 */
export function computeResults(input: ExperimentInput): ExperimentResults {
  const alpha = input.alpha ?? 0.05;
  const method = input.method ?? 'sequential';
  const correction = input.correction ?? 'holm';
  validate(input, alpha);
  const planned = input.plannedSamplePerVariant;
  const settings = { alpha, method, planned };
  const metrics = input.metrics.map((metric) => analyseMetric(metric, input.variants, input, settings));

  // One family: every non-control variant on every metric. A comparison without data counts as p = 1, so the
  // family's size is fixed by the design and not by which numbers happen to have arrived.
  const comparisons = metrics.flatMap((metric) =>
    metric.variants.flatMap((v) => (v.comparison ? [{ metric, variant: v, comparison: v.comparison }] : [])),
  );
  const adjusted = adjustPValues(
    comparisons.map((c) => c.comparison.pValue ?? 1),
    correction,
  );
  comparisons.forEach(({ comparison }, i) => {
    if (comparison.pValue === null) return;
    comparison.pValueCorrected = adjusted[i] as number;
    comparison.significant = comparison.pValueCorrected < alpha;
  });

  const primaryKey = input.metrics.find((m) => m.role === 'primary')!.key;
  const countOf = (n: number | undefined) => (n !== undefined && Number.isInteger(n) && n >= 0 ? n : 0);
  const users = input.variants.map(
    (v) => input.assignments?.[v.name] ?? countOf(input.summaries[v.name]?.[primaryKey]?.n),
  );
  const srm = sampleRatioMismatch(
    users,
    input.variants.map((v) => v.weight),
  );
  const decisionComparisons: DecisionComparison[] = comparisons.map(({ metric, variant, comparison }) => ({
    metric: metric.label,
    role: metric.role,
    direction: metric.direction,
    variant: variant.variant,
    effect: comparison.absolute ? { ...comparison.absolute, relative: comparison.relative } : null,
    unavailable: comparison.absolute ? null : comparison.note,
    refused: comparison.status === 'refused',
    pValueCorrected: comparison.pValueCorrected,
    minimumEffect: comparison.minimumEffect,
  }));
  const decision = decide({
    alpha,
    srm,
    primaryTest: method,
    usersPerVariant: Math.min(...users),
    plannedPerVariant: planned,
    comparisons: decisionComparisons,
  });
  return { alpha, method, correction, plannedSamplePerVariant: planned, srm, metrics, decision };
}
