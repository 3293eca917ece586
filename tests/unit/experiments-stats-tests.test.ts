import { describe, expect, it } from 'vitest';
import { bayesianComparison } from '@/lib/experiments/stats/bayesian';
import { normalQuantile } from '@/lib/experiments/stats/distributions';
import { pairedTest } from '@/lib/experiments/stats/paired';
import {
  sequentialMultiplier,
  sequentialPValue,
  sequentialRho,
  sequentialTest,
} from '@/lib/experiments/stats/sequential';
import { momentsOf, proportionSummary, type MetricSummary } from '@/lib/experiments/stats/summaries';
import type { Comparison, ComparisonResult } from '@/lib/experiments/stats/types';
import { proportionTest, welchTest } from '@/lib/experiments/stats/welch';

// Student's sleep data (R's `sleep`): extra hours of sleep under drug 1 (control) and drug 2 (treatment).
const DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
const summarize = (values: number[]): MetricSummary => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSquares: values.reduce((a, b) => a + b * b, 0),
});

const numbersIn = (value: unknown): number[] =>
  typeof value === 'number'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(numbersIn)
      : [];

function ok(result: Comparison): ComparisonResult {
  if (result.status !== 'ok') throw new Error(`expected a result, got: ${result.reason}`);
  return result;
}

describe('summaries', () => {
  it('give the mean and the unbiased variance', () => {
    const m = momentsOf(summarize(DRUG_1));
    expect(m.mean).toBeCloseTo(0.75, 12);
    expect(m.variance).toBeCloseTo((34.43 - 7.5 ** 2 / 10) / 9, 12);
    // A proportion: n·p(1 − p)/(n − 1).
    expect(momentsOf(proportionSummary(30, 100)).variance).toBeCloseTo((100 * 0.3 * 0.7) / 99, 12);
  });
});

describe('Welch t-test', () => {
  it('reproduces t.test(extra ~ group, sleep) (Welch): Δ = 1.58, df 17.776, p 0.0794, 95 % CI −0.205 to 3.365', () => {
    const r = ok(welchTest(momentsOf(summarize(DRUG_1)), momentsOf(summarize(DRUG_2))));
    expect(r.absolute.estimate).toBeCloseTo(1.58, 12);
    expect(r.degreesOfFreedom).toBeCloseTo(17.776473516178488, 9);
    expect(r.absolute.pValue).toBeCloseTo(0.0793941401873583, 10);
    expect(r.absolute.lower).toBeCloseTo(-0.20548323071171137, 9);
    expect(r.absolute.upper).toBeCloseTo(3.3654832307117104, 9);
  });

  it('gives the relative effect with the delta-method standard error', () => {
    const r = ok(welchTest(momentsOf(summarize(DRUG_1)), momentsOf(summarize(DRUG_2))));
    const varC = (34.43 - 5.625) / 9;
    const varT = (90.37 - 23.3 ** 2 / 10) / 9;
    const se = Math.sqrt(varT / 10 / 0.75 ** 2 + (2.33 ** 2 * varC) / 10 / 0.75 ** 4);
    expect(r.relative!.estimate).toBeCloseTo(2.33 / 0.75 - 1, 12);
    expect(r.relative!.standardError).toBeCloseTo(se, 12);
    // Same Welch degrees of freedom, so the same critical value (≈ qt(0.975, 17.78) = 2.1028) as the absolute.
    const critical = (r.absolute.upper - r.absolute.estimate) / r.absolute.standardError;
    expect(critical).toBeCloseTo(2.1028, 4);
    expect(r.relative!.upper - r.relative!.estimate).toBeCloseTo(critical * se, 12);
  });

  it('answers "insufficient data" instead of NaN for degenerate input', () => {
    const one = { n: 1, mean: 3, variance: 0 };
    const flat = { n: 50, mean: 2, variance: 0 };
    const r1 = welchTest(one, { n: 40, mean: 3, variance: 1 });
    expect(r1).toMatchObject({ status: 'insufficient-data' });
    expect(r1.status === 'insufficient-data' && r1.reason).toMatch(/at least 2 observations/);
    expect(welchTest(flat, { ...flat, mean: 3 })).toMatchObject({ status: 'insufficient-data' });
    const zeroControl = ok(welchTest({ n: 50, mean: 0, variance: 1 }, { n: 50, mean: 0.5, variance: 1 }));
    expect(zeroControl.relative).toBeNull();
    expect(zeroControl.relativeUnavailable).toMatch(/relative effect undefined: the control mean is 0/);
    expect(zeroControl.absolute.estimate).toBeCloseTo(0.5, 12);
    expect(numbersIn(zeroControl).every(Number.isFinite)).toBe(true);
  });
});

describe('proportions', () => {
  it('equal the unpooled two-proportion z-test up to n/(n − 1): 12 % vs 15 % of 1,000', () => {
    const r = ok(proportionTest(proportionSummary(120, 1000), proportionSummary(150, 1000)));
    const zUnpooled = 1.964943729729648; // (0.15 − 0.12) / √(0.12·0.88/1000 + 0.15·0.85/1000)
    expect(r.absolute.estimate / r.absolute.standardError).toBeCloseTo(zUnpooled * Math.sqrt(999 / 1000), 10);
    expect(Math.abs(r.absolute.pValue - 0.04942075065958091)).toBeLessThan(0.001);
    expect(r.relative!.estimate).toBeCloseTo(0.25, 12);
  });

  it('refuses, with the reason and without throwing, a summary that is not a proportion', () => {
    const squares = proportionTest({ n: 10, sum: 4, sumSquares: 7 }, proportionSummary(3, 10));
    expect(squares).toMatchObject({ status: 'refused' });
    expect(squares.status === 'refused' && squares.reason).toMatch(/control summary .* sumSquares = sum/);
    const tooMany = proportionTest(proportionSummary(3, 10), proportionSummary(12, 10));
    expect(tooMany.status === 'refused' && tooMany.reason).toMatch(
      /treatment summary .* 0…n \(got 12 of 10\)/,
    );
  });
});

describe('paired t-test', () => {
  it('reproduces t.test(drug1, drug2, paired = TRUE): t −4.062, df 9, p 0.00283, CI −2.460 to −0.700', () => {
    const differences = summarize(DRUG_1.map((x, i) => x - (DRUG_2[i] as number)));
    const r = pairedTest(differences);
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.t).toBeCloseTo(-4.062127683382037, 10);
    expect(r.degreesOfFreedom).toBe(9);
    expect(r.difference.pValue).toBeCloseTo(0.002832890197384273, 12);
    expect(r.difference.lower).toBeCloseTo(-2.459885763276983, 10);
    expect(r.difference.upper).toBeCloseTo(-0.7001142367230175, 10);
  });

  it('answers "insufficient data" for one pair or identical differences', () => {
    expect(pairedTest({ n: 1, sum: 2, sumSquares: 4 })).toMatchObject({ status: 'insufficient-data' });
    expect(pairedTest({ n: 5, sum: 10, sumSquares: 20 })).toMatchObject({ status: 'insufficient-data' });
  });
});

describe('sequential test (asymptotic confidence sequence)', () => {
  it('is 3.035 standard errors wide at the planned sample for α = 0.05 (3.572 for α = 0.01)', () => {
    for (const planned of [200, 10_000, 3_000_000]) {
      expect(sequentialMultiplier(planned, sequentialRho(0.05, planned), 0.05)).toBeCloseTo(
        3.035208990376253,
        12,
      );
      expect(sequentialMultiplier(planned, sequentialRho(0.01, planned), 0.01)).toBeCloseTo(
        3.5716299708704495,
        12,
      );
    }
  });

  it('its p-value is ≤ α exactly when its interval excludes 0', () => {
    const rho = sequentialRho(0.05, 4000);
    for (const n of [100, 1000, 4000, 50_000]) {
      const m = sequentialMultiplier(n, rho, 0.05);
      for (const z of [0.5, 2, m - 1e-6, m + 1e-6, 5])
        expect(sequentialPValue(z, n, rho) <= 0.05).toBe(z >= m);
    }
  });

  it('is wider and more cautious than the fixed test on the same data', () => {
    const control = { n: 2000, mean: 0.3, variance: 0.21 };
    const treatment = { n: 2000, mean: 0.33, variance: 0.2211 };
    const fixed = ok(welchTest(control, treatment));
    const seq = ok(sequentialTest(control, treatment, { plannedTotal: 4000 }));
    expect(fixed.absolute.pValue).toBeLessThan(0.05);
    expect(seq.absolute.pValue).toBeGreaterThan(fixed.absolute.pValue);
    expect(seq.absolute.upper - seq.absolute.lower).toBeCloseTo(
      2 * 3.035208990376253 * seq.absolute.standardError,
      10,
    );
    expect(seq.absolute.lower).toBeLessThan(fixed.absolute.lower);
  });
});

describe('Bayesian view (flat prior, normal approximation)', () => {
  const control = { n: 100, mean: 10, variance: 50 };
  const treatment = { n: 100, mean: 11, variance: 50 }; // Δ̂ = 1, SE = 1

  it('gives chance to win Φ(Δ̂/SE) and the expected losses in closed form', () => {
    const r = bayesianComparison(control, treatment, 'higher-is-better');
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.chanceToWin).toBeCloseTo(0.8413447460685429, 12);
    expect(r.riskIfShipped).toBeCloseTo(0.24197072451914337 - 0.15865525393145707, 12); // φ(1) − Φ(−1)
    expect(r.riskIfKept).toBeCloseTo(0.24197072451914337 + 0.8413447460685429, 12); // φ(1) + Φ(1)
    expect(r.relativeRiskIfShipped).toBeCloseTo(r.riskIfShipped / 10, 12);
    expect(r.credibleUpper).toBeCloseTo(1 + normalQuantile(0.975), 12);
  });

  it('turns around for a lower-is-better metric (cost, latency)', () => {
    const r = bayesianComparison(control, treatment, 'lower-is-better');
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.chanceToWin).toBeCloseTo(1 - 0.8413447460685429, 12);
    expect(r.riskIfShipped).toBeCloseTo(0.24197072451914337 + 0.8413447460685429, 12);
  });
});
