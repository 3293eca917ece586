import { describe, expect, it } from 'vitest';
import type { MetricTotals } from '@/lib/experiments/observation-cells';
import { buildResultsInput } from '@/lib/experiments/results-input';
import { computeResults } from '@/lib/experiments/stats/compute-results';
import type { ExperimentInput } from '@/lib/experiments/stats/results-types';
import {
  addRatioObservation,
  emptyRatioSummary,
  ratioMomentsOf,
  type MetricSummary,
} from '@/lib/experiments/stats/summaries';
import { summaryProblem } from '@/lib/experiments/stats/summary-problems';
import type { Comparison, ComparisonResult } from '@/lib/experiments/stats/types';
import { welchTest } from '@/lib/experiments/stats/welch';
import { createPrng } from '@/lib/math/prng';
import { totals, twoArmExperiment } from '../support/experiment-fixture';

// Ratio metrics (ΣY/ΣD over units: revenue per order, cost per correct prediction) go into the engine as the
// numerator's and denominator's sums, and the engine applies the delta method. GrowthBook numbers are cited by
// file and test (github.com/growthbook/growthbook, packages/stats/tests/…).

function ok(result: Comparison): ComparisonResult {
  if (result.status !== 'ok') throw new Error(`expected a result, got: ${result.reason}`);
  return result;
}

/** The engine's summary of units (y, d). */
const ratioSummary = (units: readonly (readonly [number, number])[]): MetricSummary =>
  units.reduce((s, [y, d]) => addRatioObservation(s, y, d), emptyRatioSummary());

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleVariance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

/** Customers with 1–4 orders each and a revenue per order around `perOrder` (seeded). */
function customers(seed: string, count: number, perOrder: number): [number, number][] {
  const rng = createPrng(seed);
  return Array.from({ length: count }, () => {
    const orders = 1 + Math.floor(rng.uniform() * 4);
    let revenue = 0;
    for (let i = 0; i < orders; i++) revenue += perOrder * Math.exp(rng.normal(0, 0.5));
    return [revenue, orders] as [number, number];
  });
}

describe('ratio metrics by the delta method', () => {
  it('give ΣY/ΣD and the variance of the linearised units, computed here from the raw units', () => {
    const control = customers('ratio-control', 400, 30);
    const treatment = customers('ratio-treatment', 400, 33);
    const linearised = (units: [number, number][]) => {
      const r = units.reduce((a, [y]) => a + y, 0) / units.reduce((a, [, d]) => a + d, 0);
      const meanDen = mean(units.map(([, d]) => d));
      return { r, z: units.map(([y, d]) => (y - r * d) / meanDen) };
    };
    const [lc, lt] = [linearised(control), linearised(treatment)];
    const mc = ratioMomentsOf(ratioSummary(control))!;
    const mt = ratioMomentsOf(ratioSummary(treatment))!;
    expect(mc.mean).toBeCloseTo(lc.r, 10);
    expect(mc.variance / sampleVariance(lc.z)).toBeCloseTo(1, 10);
    const r = ok(welchTest(mc, mt));
    expect(r.absolute.estimate).toBeCloseTo(lt.r - lc.r, 10);
    expect(r.absolute.standardError).toBeCloseTo(
      Math.sqrt(sampleVariance(lc.z) / 400 + sampleVariance(lt.z) / 400),
      10,
    );
    expect(r.relative!.estimate).toBeCloseTo((lt.r - lc.r) / lc.r, 10);
  });

  it('match GrowthBook’s variance of a ratio on its test data', () => {
    // test_shared_models.py, TestRatioStatistic (METRIC_1 over METRIC_3, N = 4): GrowthBook's RatioStatistic variance
    // var_m/d̄² + var_d·m̄²/d̄⁴ − 2·cov·m̄/d̄³ with the n − 1 sample moments that test checks against numpy.
    const m = [0.3, 0.5, 0.9, 22];
    const d = [2, 1, 5, 3];
    const [mBar, dBar] = [mean(m), mean(d)];
    const cov = m.reduce((a, x, i) => a + (x - mBar) * (d[i]! - dBar), 0) / 3;
    const expected =
      sampleVariance(m) / dBar ** 2 +
      (sampleVariance(d) * mBar ** 2) / dBar ** 4 -
      (2 * cov * mBar) / dBar ** 3;
    const moments = ratioMomentsOf(ratioSummary(m.map((y, i) => [y, d[i]!])))!;
    expect(moments.mean).toBeCloseTo(23.7 / 11, 12);
    expect(moments.variance).toBeCloseTo(expected, 10);
  });

  it('keep the direction of the change below zero', () => {
    // frequentist/test_post_strat.py, test_ratio_relative_point_estimate_uses_negative_baseline_magnitude: a ratio
    // with mean −10 (one unit of denominator each) against −5, −15 and 5 is +0.5, −0.5 and +1.5.
    const ratio = (value: number): MetricSummary => ({
      n: 1000,
      sum: value * 1000,
      sumSquares: (value ** 2 + 4) * 1000,
      ratio: { sumDen: 1000, sumDenSquares: 1000, sumNumDen: value * 1000 },
    });
    for (const [value, expected] of [
      [-5, 0.5],
      [-15, -0.5],
      [5, 1.5],
    ] as const) {
      const r = ok(welchTest(ratioMomentsOf(ratio(-10))!, ratioMomentsOf(ratio(value))!));
      expect(r.relative!.estimate).toBeCloseTo(expected, 12);
    }
  });

  it('are refused when the denominator’s sums are impossible, where GrowthBook computes a p-value', () => {
    // test_gbstats.py, TestAnalyzeMetricDfFrequentist.test_get_metric_dfs_frequentist_ratio (RATIO_STATISTICS_DF):
    // GrowthBook reports p = 0.610663339, but Σd² = 800 < (Σd)²/n = 2,083.3 for 120 users: no data gives that.
    const one: MetricSummary = {
      n: 120,
      sum: 300,
      sumSquares: 869,
      ratio: { sumDen: 500, sumDenSquares: 800, sumNumDen: -905 },
    };
    expect(summaryProblem(one, 'ratio')).toBe(
      'denominator: Σd² = 800 is less than (Σd)²/n = 2,083.333 with n = 120, which would make the variance negative',
    );
  });
});

describe('ratio metrics in computeResults()', () => {
  const input = (summaries: ExperimentInput['summaries']): ExperimentInput => ({
    metrics: [
      { key: 'accuracy', kind: 'proportion', direction: 'higher-is-better', role: 'primary' },
      { key: 'revenue_per_order', kind: 'ratio', direction: 'higher-is-better', role: 'secondary' },
    ],
    variants: [
      { name: 'control', weight: 1, isControl: true },
      { name: 'treatment', weight: 1, isControl: false },
    ],
    summaries,
    plannedSamplePerVariant: 400,
  });
  const accuracy = { n: 400, sum: 160, sumSquares: 160 };

  it('report the ratio per variant and its effects', () => {
    const control = ratioSummary(customers('ratio-control', 400, 30));
    const treatment = ratioSummary(customers('ratio-treatment', 400, 33));
    const r = computeResults(
      input({
        control: { accuracy, revenue_per_order: control },
        treatment: { accuracy, revenue_per_order: treatment },
      }),
    );
    const metric = r.metrics[1]!;
    expect(metric).toMatchObject({ kind: 'ratio', status: 'ok', cuped: null });
    expect(metric.variants[0]!.mean).toBeCloseTo(control.sum / control.ratio!.sumDen, 12);
    expect(metric.variants[1]!.n).toBe(400);
    const fixed = ok(welchTest(ratioMomentsOf(control)!, ratioMomentsOf(treatment)!));
    const c = metric.variants[1]!.comparison!;
    expect(c.absolute!.estimate).toBeCloseTo(fixed.absolute.estimate, 12);
    expect(c.absolute!.standardError).toBeCloseTo(fixed.absolute.standardError, 12);
  });

  it('say so when a variant has no denominator yet, instead of a number', () => {
    const r = computeResults(
      input({
        control: {
          accuracy,
          revenue_per_order: ratioSummary([
            [0, 0],
            [0, 0],
            [0, 0],
          ]),
        },
        treatment: { accuracy, revenue_per_order: ratioSummary(customers('ratio-treatment', 50, 33)) },
      }),
    );
    const [control, treatment] = r.metrics[1]!.variants;
    expect(control!.mean).toBeNull();
    expect(treatment!.comparison).toMatchObject({
      status: 'insufficient-data',
      note: 'control has no denominator yet (its sum is 0), so its ratio is undefined',
      pValue: null,
    });
  });
});

describe('cost per correct prediction from the stored sums', () => {
  const experiment = twoArmExperiment('cost-ratio', 'wide', {
    secondaryMetrics: ['cost_per_correct'],
    plannedSampleSizePerVariant: 500,
  });

  it('goes to the engine as a ratio with its denominator sums, not linearised', () => {
    // 300 resolved predictions: cost 0.002 USD each, 120 of them correct (d = 1) in control, 150 in "wide".
    const cell = (variant: string, correct: number): MetricTotals =>
      totals(variant, 'cost_per_correct', {
        n: 300,
        sum: 300 * 0.002,
        sumSquares: 300 * 0.002 ** 2,
        sumDen: correct,
        sumDenSquares: correct,
        sumNumDen: correct * 0.002,
      });
    const built = buildResultsInput(experiment, [cell('control', 120), cell('wide', 150)], {
      control: 300,
      wide: 300,
    });
    expect(built.metrics.find((m) => m.key === 'cost_per_correct')!.kind).toBe('ratio');
    expect(built.summaries.control!.cost_per_correct).toEqual({
      n: 300,
      sum: 0.6,
      sumSquares: 300 * 0.002 ** 2,
      ratio: { sumDen: 120, sumDenSquares: 120, sumNumDen: 0.24 },
    });
    const metric = computeResults(built).metrics.find((m) => m.key === 'cost_per_correct')!;
    expect(metric.variants[0]!.mean).toBeCloseTo(0.6 / 120, 12); // USD per correct prediction
    // Delta method with a fixed cost c per prediction and p the share correct: R = c/p and a unit's linearised value
    // (c − R·d)/p has variance c²·s²_d/p⁴, s²_d = p(1 − p)·n/(n − 1).
    const unitVariance = (p: number) => (0.002 ** 2 * ((p * (1 - p) * 300) / 299)) / p ** 4;
    const se = Math.sqrt(unitVariance(0.4) / 300 + unitVariance(0.5) / 300);
    const c = metric.variants[1]!.comparison!;
    expect(c.absolute!.estimate).toBeCloseTo(0.6 / 150 - 0.6 / 120, 12);
    expect(c.alternatives.fixed.status === 'ok' && c.alternatives.fixed.absolute.standardError).toBeCloseTo(
      se,
      12,
    );
  });
});
