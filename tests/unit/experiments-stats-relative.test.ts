import { describe, expect, it } from 'vitest';
import { computeResults } from '@/lib/experiments/stats/compute-results';
import { cupedAdjust } from '@/lib/experiments/stats/cuped';
import { studentTCdf } from '@/lib/experiments/stats/distributions';
import type { ExperimentInput, MetricDefinition } from '@/lib/experiments/stats/results-types';
import { sequentialTest } from '@/lib/experiments/stats/sequential';
import {
  momentsOf,
  proportionSummary,
  type MetricSummary,
  type Moments,
} from '@/lib/experiments/stats/summaries';
import type { Comparison, ComparisonResult } from '@/lib/experiments/stats/types';
import { proportionTest, welchTest } from '@/lib/experiments/stats/welch';

// Relative effects are (ȳ_T − ȳ_C)/|ȳ_C| with GrowthBook's delta-method variance. Known answers come from
// GrowthBook's published gbstats tests (github.com/growthbook/growthbook, packages/stats/tests/…); each test names
// the file, class and test whose numbers it uses. GrowthBook rounds to 5 decimals, so toBeCloseTo(x, 5) is the same
// check (|difference| < 5·10⁻⁶).

function ok(result: Comparison): ComparisonResult {
  if (result.status !== 'ok') throw new Error(`expected a result, got: ${result.reason}`);
  return result;
}

/** GrowthBook's helper in TestEffectMomentsNegativeBaseline: n = 1000, Σy = mean·n, Σy² = (mean² + 4)·n. */
const spreadOf2 = (mean: number): Moments =>
  momentsOf({ n: 1000, sum: mean * 1000, sumSquares: (mean ** 2 + 4) * 1000 });

describe('relative effect (ȳ_T − ȳ_C)/|ȳ_C|', () => {
  it('keeps the direction of the change when the control mean is negative', () => {
    // test_utils.py, TestFrequentistDiff: test_relative_positive_baseline and
    // test_relative_negative_baseline_keeps_direction (−10 → −5 is +50 %, −10 → −15 is −50 %, −2 → 3 is +250 %).
    for (const [control, treatment, expected] of [
      [10, 15, 0.5],
      [10, 5, -0.5],
      [-10, -5, 0.5],
      [-10, -15, -0.5],
      [-2, 3, 2.5],
    ] as const) {
      const r = ok(welchTest(spreadOf2(control), spreadOf2(treatment)));
      expect(r.relative!.estimate, `${control} → ${treatment}`).toBeCloseTo(expected, 12);
      // test_shared_models.py, TestEffectMomentsNegativeBaseline.test_relative_sign_matches_absolute_sign
      expect(Math.sign(r.relative!.estimate)).toBe(Math.sign(r.absolute.estimate));
    }
  });

  it('has the delta-method standard error, the same for a metric and its negation', () => {
    // test_shared_models.py, TestEffectMomentsNegativeBaseline.test_relative_magnitude_scaled_by_baseline_magnitude:
    // −10 → −5 is +0.5 with a positive SE. Its value: s² = 4·1000/999, Var = s²/(n·10²) + 5²·s²/(n·10⁴).
    const s2 = 4000 / 999;
    const se = Math.sqrt(s2 / (1000 * 100) + (25 * s2) / (1000 * 10_000));
    const negative = ok(welchTest(spreadOf2(-10), spreadOf2(-5)));
    expect(negative.relative!.estimate).toBeCloseTo(0.5, 12);
    expect(negative.relative!.standardError).toBeCloseTo(se, 12);
    // Negating the data negates the effect and keeps the SE (the property GrowthBook pins in
    // TestEffectMomentsCupedRatioNegativeBaseline.test_negating_the_metric_negates_lift_and_keeps_standard_error).
    const positive = ok(welchTest(spreadOf2(10), spreadOf2(5)));
    expect(positive.relative!.estimate).toBeCloseTo(-0.5, 12);
    expect(positive.relative!.standardError).toBeCloseTo(se, 12);
  });

  it('divides by the unadjusted control mean under CUPED', () => {
    // test_utils.py, TestFrequentistDiff.test_relative_uses_unadjusted_baseline_magnitude: adjusted means −9 → −4
    // with an unadjusted baseline of −10 is +0.5 (not 5/9).
    const terms = { theta: 0.5, unadjustedVariance: 4, covariateVariance: 4, covariance: 1 };
    const control: Moments = { n: 1000, mean: -9, variance: 3, cuped: { ...terms, unadjustedMean: -10 } };
    const treatment: Moments = { n: 1000, mean: -4, variance: 3, cuped: { ...terms, unadjustedMean: -5 } };
    expect(ok(welchTest(control, treatment)).relative!.estimate).toBeCloseTo(0.5, 12);
  });
});

describe("GrowthBook's published results", () => {
  const statA: MetricSummary = { n: 3407, sum: 1396.87, sumSquares: 52377.9767 };
  const statB: MetricSummary = { n: 3461, sum: 2422.7, sumSquares: 134698.29 };

  it('Welch t-test, relative and absolute', () => {
    const r = ok(welchTest(momentsOf(statA), momentsOf(statB)));
    // frequentist/test_tests.py, TestTwoSidedTTest.test_two_sided_ttest
    expect(r.relative!.estimate).toBeCloseTo(0.70732, 5);
    expect(r.relative!.standardError).toBeCloseTo(0.37879, 5);
    expect(r.relative!.lower).toBeCloseTo(-0.03526, 5);
    expect(r.relative!.upper).toBeCloseTo(1.44989, 5);
    expect(r.relative!.pValue).toBeCloseTo(0.06191, 5);
    // frequentist/test_tests.py, TestTwoSidedTTest.test_two_sided_ttest_absolute
    expect(r.absolute.estimate).toBeCloseTo(0.29, 12);
    expect(r.absolute.standardError).toBeCloseTo(0.12478, 5);
    expect(r.absolute.lower).toBeCloseTo(0.04538, 5);
    expect(r.absolute.upper).toBeCloseTo(0.53462, 5);
    expect(r.absolute.pValue).toBeCloseTo(0.02016, 5);
  });

  it('sequential test (tuned for 1,000 users)', () => {
    // frequentist/test_tests.py, TestSequentialTTest.test_sequential_test_runs (sequential_tuning_parameter = 1000)
    const r = ok(sequentialTest(momentsOf({ ...statA, n: 3000 }), momentsOf(statB), { plannedTotal: 1000 }));
    expect(r.relative!.estimate).toBeCloseTo(0.50336, 5);
    expect(r.relative!.standardError).toBeCloseTo(0.33341, 5);
    expect(r.relative!.lower).toBeCloseTo(-0.55844, 5);
    expect(r.relative!.upper).toBeCloseTo(1.56516, 5);
    expect(r.relative!.pValue).toBe(1);
  });

  it('sequential test with CUPED: relative to the raw control mean, with the covariance terms', () => {
    // frequentist/test_tests.py, TestSequentialTTest.test_sequential_test_runs_ra (default tuning 5000). GrowthBook
    // fits θ on the pair's pooled data (−0.01140), the engine within variants (−0.01159): equal to 5 decimals here.
    const withCovariate = (post: MetricSummary, sumX: number, sumXSquares: number): MetricSummary => ({
      ...post,
      cuped: { sumX, sumXSquares, sumXY: 1 },
    });
    const cuped = cupedAdjust([
      withCovariate({ ...statA, n: 3000 }, 16.87, 527.9767),
      withCovariate(statB, 22.7, 1348.29),
    ])!;
    expect(cuped.theta).toBeCloseTo(-0.011591, 6);
    const [control, treatment] = cuped.variants.map((v) => v.adjusted) as [Moments, Moments];
    const r = ok(sequentialTest(control, treatment, { plannedTotal: 5000 }));
    expect(r.relative!.estimate).toBeCloseTo(0.50338, 5);
    expect(r.relative!.standardError).toBeCloseTo(0.33341, 5);
    expect(r.relative!.lower).toBeCloseTo(-0.50969, 5);
    expect(r.relative!.upper).toBeCloseTo(1.51646, 5);
    expect(r.relative!.pValue).toBe(1);
  });

  it('proportions: the same numbers with GrowthBook’s p(1 − p); the engine’s unbiased variance is wider by ≤ √(n/(n − 1))', () => {
    // frequentist/test_tests.py, TestTwoSidedTTest.test_two_sided_ttest_binom: 14/28 vs 16/30.
    const biased = (successes: number, n: number): Moments => {
      const p = successes / n;
      return { n, mean: p, variance: p * (1 - p) };
    };
    const gb = ok(welchTest(biased(14, 28), biased(16, 30))).relative!;
    expect(gb.estimate).toBeCloseTo(0.06667, 5);
    expect(gb.standardError).toBeCloseTo(0.2717, 4);
    expect(gb.lower).toBeCloseTo(-0.47767, 5);
    expect(gb.upper).toBeCloseTo(0.61101, 5);
    expect(gb.pValue).toBeCloseTo(0.80707, 5);
    // The engine reads proportions as 0/1 data with the unbiased variance n·p̂(1 − p̂)/(n − 1) (documented difference).
    const engine = ok(proportionTest(proportionSummary(14, 28), proportionSummary(16, 30))).relative!;
    expect(engine.estimate).toBeCloseTo(gb.estimate, 12);
    expect(engine.standardError).toBeGreaterThan(gb.standardError * Math.sqrt(30 / 29));
    expect(engine.standardError).toBeLessThan(gb.standardError * Math.sqrt(28 / 27));
    // frequentist/test_tests.py, TestSequentialTTest.test_sequential_test_runs_prop: at 3,000 users per arm the
    // two conventions agree to 4 decimals (GrowthBook: 0.50386, SE 0.03386, interval 0.40098 to 0.60675).
    const large = ok(
      sequentialTest(momentsOf(proportionSummary(1396, 3000)), momentsOf(proportionSummary(2422, 3461)), {
        plannedTotal: 5000,
      }),
    ).relative!;
    expect(large.estimate).toBeCloseTo(0.50386, 5);
    expect(large.standardError).toBeCloseTo(0.03386, 4);
    expect(large.lower).toBeCloseTo(0.40098, 4);
    expect(large.upper).toBeCloseTo(0.60675, 4);
  });
});

describe('a control or treatment mean of 0', () => {
  const pSe = (successes: number, n: number) => {
    const p = successes / n;
    return Math.sqrt((n * p * (1 - p)) / (n - 1) / n);
  };

  it('0 conversions in control: relative undefined, the absolute effect still reported', () => {
    const r = ok(proportionTest(proportionSummary(0, 1000), proportionSummary(30, 1000)));
    expect(r.relative).toBeNull();
    expect(r.relativeUnavailable).toBe(
      'relative effect undefined: the control mean is 0 (the absolute effect is reported)',
    );
    expect(r.absolute.estimate).toBeCloseTo(0.03, 12);
    expect(r.absolute.standardError).toBeCloseTo(pSe(30, 1000), 12); // control adds no variance
    expect(r.degreesOfFreedom).toBeCloseTo(999, 9);
    const z = 0.03 / pSe(30, 1000);
    expect(r.absolute.pValue).toBeCloseTo(2 * studentTCdf(-z, 999), 14);
  });

  it('0 conversions in treatment: no "−100 %, SE 0, p = 0"; the absolute effect stays', () => {
    const r = ok(proportionTest(proportionSummary(30, 1000), proportionSummary(0, 1000)));
    expect(r.relative).toBeNull();
    expect(r.relativeUnavailable).toMatch(/every treatment observation is 0, so it would be −100 %/);
    expect(r.absolute.estimate).toBeCloseTo(-0.03, 12);
    expect(r.absolute.standardError).toBeCloseTo(pSe(30, 1000), 12);
    expect(r.absolute.pValue).toBeGreaterThan(0);
  });

  it('a zero control mean with spread: GrowthBook refuses even the absolute effect, the engine reports it', () => {
    // frequentist/test_post_strat.py, test_baseline_variation_zero: control n = 21, Σy = 0, Σy² = 10 against
    // n = 42, Σy = 0, Σy² = 10 (ZERO_NEGATIVE_BASELINE_VARIATION there).
    const r = ok(
      welchTest(momentsOf({ n: 21, sum: 0, sumSquares: 10 }), momentsOf({ n: 42, sum: 0, sumSquares: 10 })),
    );
    expect(r.relative).toBeNull();
    expect(r.absolute.estimate).toBe(0);
    expect(r.absolute.standardError).toBeCloseTo(Math.sqrt(10 / 20 / 21 + 10 / 41 / 42), 12);
    expect(r.absolute.pValue).toBe(1);
  });

  it('the results still decide on the absolute effect when the control converts nobody', () => {
    const input: ExperimentInput = {
      metrics: [{ key: 'conversion', kind: 'proportion', direction: 'higher-is-better', role: 'primary' }],
      variants: [
        { name: 'control', weight: 1, isControl: true },
        { name: 'new', weight: 1, isControl: false },
      ],
      summaries: {
        control: { conversion: proportionSummary(0, 2000) },
        new: { conversion: proportionSummary(60, 2000) },
      },
      plannedSamplePerVariant: 2000,
    };
    const r = computeResults(input);
    const c = r.metrics[0]!.variants[1]!.comparison!;
    expect(c.relative).toBeNull();
    expect(c.note).toMatch(/^relative effect undefined: the control mean is 0/);
    expect(c.absolute!.estimate).toBeCloseTo(0.03, 12);
    expect(r.decision).toMatchObject({ action: 'ship', variant: 'new' });
    expect(r.decision.reason).toMatch(
      /^new beats control on conversion: \+0\.0300 \(interval \+0\.0\d+ to \+0\.0\d+\)/,
    );
  });
});

describe('a guardrail below zero (the issue: −2 → −1 read as "stop: guardrail −50 %")', () => {
  const metrics: MetricDefinition[] = [
    { key: 'accuracy', kind: 'proportion', direction: 'higher-is-better', role: 'primary' },
    { key: 'margin', label: 'margin (USD)', kind: 'mean', direction: 'higher-is-better', role: 'guardrail' },
  ];
  const run = (controlMargin: number, treatmentMargin: number) =>
    computeResults({
      metrics,
      variants: [
        { name: 'control', weight: 1, isControl: true },
        { name: 'treatment', weight: 1, isControl: false },
      ],
      summaries: {
        control: {
          accuracy: proportionSummary(400, 1000),
          margin: { n: 1000, sum: controlMargin * 1000, sumSquares: (controlMargin ** 2 + 4) * 1000 },
        },
        treatment: {
          accuracy: proportionSummary(400, 1000),
          margin: { n: 1000, sum: treatmentMargin * 1000, sumSquares: (treatmentMargin ** 2 + 4) * 1000 },
        },
      },
      plannedSamplePerVariant: 1000,
    });

  it('an improvement from −2 to −1 is +50 % and stops nothing', () => {
    const r = run(-2, -1);
    const c = r.metrics[1]!.variants[1]!.comparison!;
    expect(c.significant).toBe(true);
    expect(c.relative!.estimate).toBeCloseTo(0.5, 12);
    expect(c.relative!.lower).toBeGreaterThan(0);
    expect(r.decision.action).not.toBe('stop-guardrail');
  });

  it('a worsening from −1 to −2 is −100 % and stops the experiment', () => {
    const r = run(-1, -2);
    expect(r.decision).toMatchObject({ action: 'stop-guardrail', variant: 'treatment' });
    expect(r.decision.reason).toMatch(/worse than control on margin \(USD\): −100\.0 % \(interval/);
  });
});
