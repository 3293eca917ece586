import { describe, expect, it } from 'vitest';
import { computeResults } from '@/lib/experiments/stats/compute-results';
import { decide, type DecisionComparison } from '@/lib/experiments/stats/decide';
import type { ExperimentInput, MetricDefinition } from '@/lib/experiments/stats/results-types';
import { sequentialTest } from '@/lib/experiments/stats/sequential';
import {
  addObservation,
  emptySummary,
  momentsOf,
  type MetricSummary,
} from '@/lib/experiments/stats/summaries';
import { summaryProblem } from '@/lib/experiments/stats/summary-problems';
import { proportionTest, welchTest } from '@/lib/experiments/stats/welch';

// Sums no set of real observations can produce are refused with a sentence, per metric, never read as "no variance"
// (which gave p = 0). GrowthBook refuses the same inputs (ZERO_NEGATIVE_VARIANCE); its tests are cited by file and
// test name (github.com/growthbook/growthbook, packages/stats/tests/…).

/** frequentist/test_tests.py, TestTwoSidedTTest.test_two_sided_ttest_missing_variance: stat_a with n = 2. */
const IMPOSSIBLE: MetricSummary = { n: 2, sum: 1396.87, sumSquares: 52377.9767 };
const STAT_B: MetricSummary = { n: 3461, sum: 2422.7, sumSquares: 134698.29 };

describe('impossible sums', () => {
  it('n = 2, Σy = 1396.87, Σy² = 52377.98: a negative variance, refused where the engine used to answer p = 0', () => {
    expect(summaryProblem(IMPOSSIBLE, 'mean')).toBe(
      'Σy² = 52,377.98 is less than (Σy)²/n = 975,622.9 with n = 2, which would make the variance negative',
    );
    const fixed = welchTest(momentsOf(IMPOSSIBLE), momentsOf(STAT_B));
    expect(fixed).toMatchObject({ status: 'refused' });
    expect(fixed.status === 'refused' && fixed.reason).toMatch(
      /^the control's variance is negative \(-923,245/,
    );
    expect(sequentialTest(momentsOf(STAT_B), momentsOf(IMPOSSIBLE), { plannedTotal: 1000 })).toMatchObject({
      status: 'refused',
    });
  });

  it('a proportion with −7 successes of 4 is refused as a proportion and as a mean', () => {
    // test_shared_models.py, TestEffectMomentsResult.test_negative_variance: ProportionStatistic(n = 4, sum = −7).
    const negative = { n: 4, sum: -7, sumSquares: -7 };
    expect(summaryProblem(negative, 'proportion')).toBe('Σy² cannot be negative (got -7)');
    expect(summaryProblem({ ...negative, sumSquares: 49 }, 'proportion')).toBe(
      'successes must be an integer in 0…n (got -7 of 4)',
    );
    const refused = proportionTest({ n: 4, sum: -7, sumSquares: -7 }, { n: 3, sum: 1, sumSquares: 1 });
    expect(refused).toMatchObject({ status: 'refused' });
  });

  it('refuses CUPED and ratio cross terms that imply a correlation beyond ±1, and sums without observations', () => {
    // y = 1, 2, 3 and x = 1, 2, 3 give Σxy = 14 at most (perfect correlation); 20 is impossible.
    const y = { n: 3, sum: 6, sumSquares: 14 };
    expect(summaryProblem({ ...y, cuped: { sumX: 6, sumXSquares: 14, sumXY: 14 } }, 'mean')).toBeNull();
    expect(summaryProblem({ ...y, cuped: { sumX: 6, sumXSquares: 14, sumXY: 20 } }, 'mean')).toBe(
      'CUPED covariate: the cross term Σxy implies a correlation beyond ±1 (|8| > 2)',
    );
    expect(summaryProblem({ ...y, ratio: { sumDen: 6, sumDenSquares: 14, sumNumDen: 2 } }, 'ratio')).toMatch(
      /^numerator and denominator: the cross term Σyd implies a correlation beyond ±1/,
    );
    expect(summaryProblem(y, 'ratio')).toBe('a ratio metric needs its denominator sums (Σd, Σd², Σyd)');
    expect(summaryProblem({ n: 0, sum: 3, sumSquares: 9 }, 'mean')).toBe(
      'there are no observations (n = 0) but the sums are not 0',
    );
    expect(summaryProblem({ n: 1, sum: 3, sumSquares: 10 }, 'mean')).toMatch(
      /^one observation needs Σy² = \(Σy\)²/,
    );
  });

  it('accepts rounding: a million equal values summed in floating point are not refused', () => {
    const flat = emptySummary(true);
    for (let i = 0; i < 1_000_000; i++) addObservation(flat, 0.1, 0.3);
    expect(summaryProblem(flat, 'mean')).toBeNull();
    expect(momentsOf(flat).variance).toBeGreaterThanOrEqual(0);
    expect(momentsOf(flat).variance).toBeLessThan(1e-12);
  });
});

describe('a refused metric in the results', () => {
  const metrics: MetricDefinition[] = [
    { key: 'accuracy', kind: 'proportion', direction: 'higher-is-better', role: 'primary' },
    { key: 'latency', kind: 'mean', direction: 'lower-is-better', role: 'guardrail' },
  ];
  const input = (latency: MetricSummary): ExperimentInput => ({
    metrics,
    variants: [
      { name: 'control', weight: 1, isControl: true },
      { name: 'sonnet', weight: 1, isControl: false },
    ],
    summaries: {
      control: { accuracy: { n: 4000, sum: 1600, sumSquares: 1600 }, latency: STAT_B },
      sonnet: { accuracy: { n: 4000, sum: 2000, sumSquares: 2000 }, latency },
    },
    assignments: { control: 4000, sonnet: 4000 },
    plannedSamplePerVariant: 4000,
  });

  it('is a status with the sentence, the other metrics are computed, and nothing ships on it', () => {
    const intact = computeResults(input(STAT_B));
    expect(intact.decision).toMatchObject({ action: 'ship', variant: 'sonnet' });
    const r = computeResults(input(IMPOSSIBLE));
    const latency = r.metrics[1]!;
    expect(latency.status).toBe('refused');
    expect(latency.refusal).toBe(
      'cannot compute latency: the sums recorded for sonnet are impossible (Σy² = 52,377.98 is less than ' +
        '(Σy)²/n = 975,622.9 with n = 2, which would make the variance negative)',
    );
    expect(latency.variants[1]!.comparison).toMatchObject({
      status: 'refused',
      pValue: null,
      absolute: null,
    });
    expect(r.metrics[0]!.variants[1]!.comparison!.significant).toBe(true);
    expect(r.decision.action).toBe('keep-running');
    expect(r.decision.reason).toBe(
      `${latency.refusal!.replace(/^c/, 'C')}. Nothing ships while the guardrail cannot be read.`,
    );
  });

  it('does not hide a guardrail failure elsewhere: harm still stops first', () => {
    const refused: DecisionComparison = {
      metric: 'cost',
      role: 'guardrail',
      direction: 'lower-is-better',
      variant: 'sonnet',
      effect: null,
      unavailable: 'cannot compute cost: …',
      refused: true,
      pValueCorrected: null,
      minimumEffect: null,
    };
    const harmed: DecisionComparison = {
      ...refused,
      metric: 'latency',
      effect: { estimate: 50, lower: 20, upper: 80, relative: null },
      unavailable: null,
      refused: false,
      pValueCorrected: 0.001,
    };
    const d = decide({
      alpha: 0.05,
      srm: { status: 'ok', pValue: 0.5 },
      primaryTest: 'sequential',
      usersPerVariant: 100,
      plannedPerVariant: 100,
      comparisons: [refused, harmed],
    });
    expect(d).toMatchObject({ action: 'stop-guardrail', variant: 'sonnet' });
  });
});
