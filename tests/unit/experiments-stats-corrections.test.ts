import { describe, expect, it } from 'vitest';
import { adjustPValues, benjaminiHochberg, holm } from '@/lib/experiments/stats/corrections';
import { cupedAdjust } from '@/lib/experiments/stats/cuped';
import { sampleRatioMismatch } from '@/lib/experiments/stats/srm';
import { addObservation, emptySummary } from '@/lib/experiments/stats/summaries';

const closeAll = (actual: number[], expected: number[]) =>
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i] as number, 12));

describe('Holm and Benjamini–Hochberg', () => {
  // p = (0.01, 0.04, 0.03, 0.005), m = 4. Sorted: 0.005, 0.01, 0.03, 0.04.
  // Holm: 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, 1·0.04 = 0.04 → running max 0.02, 0.03, 0.06, 0.06.
  // BH: 4·0.005/1 = 0.02, 4·0.01/2 = 0.02, 4·0.03/3 = 0.04, 4·0.04/4 = 0.04 → running min from the top.
  const p = [0.01, 0.04, 0.03, 0.005];

  it('Holm matches the hand computation, in input order', () => {
    closeAll(holm(p), [0.03, 0.06, 0.06, 0.02]);
  });

  it('BH matches the hand computation, in input order', () => {
    closeAll(benjaminiHochberg(p), [0.02, 0.04, 0.04, 0.02]);
  });

  it('match p.adjust on a textbook family, monotone and capped at 1', () => {
    const family = [0.01, 0.02, 0.03, 0.04, 0.05];
    closeAll(holm(family), [0.05, 0.08, 0.09, 0.09, 0.09]);
    closeAll(benjaminiHochberg(family), [0.05, 0.05, 0.05, 0.05, 0.05]);
    closeAll(holm([0.5, 0.9, 0.8]), [1, 1, 1]);
    closeAll(benjaminiHochberg([0.5, 0.9, 0.8]), [0.9, 0.9, 0.9]);
    const adjusted = holm([0.2, 0.001, 0.04, 0.03, 0.6]);
    const byRaw = [1, 3, 2, 0, 4].map((i) => adjusted[i] as number);
    expect(byRaw).toEqual([...byRaw].sort((a, b) => a - b));
  });

  it('Holm is never less strict than BH, and "none" changes nothing', () => {
    const family = [0.001, 0.012, 0.02, 0.3, 0.04, 0.041];
    const h = holm(family);
    benjaminiHochberg(family).forEach((b, i) => expect(b).toBeLessThanOrEqual(h[i] as number));
    expect(adjustPValues(family, 'none')).toEqual(family);
    expect(adjustPValues(family, 'holm')).toEqual(h);
  });

  it('refuses a value that is not a p-value', () => {
    expect(() => holm([0.2, Number.NaN])).toThrow(RangeError);
    expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
  });
});

describe('sample-ratio mismatch', () => {
  it('flags a 52/48 split at n = 20,000 (χ² = 32, p = 1.5e-8) and not a fair one', () => {
    const skewed = sampleRatioMismatch([10_400, 9_600], [1, 1]);
    expect(skewed.status).toBe('alarm');
    expect(skewed.chiSquare).toBeCloseTo(32, 10);
    expect(skewed.pValue).toBeCloseTo(1.5417257900280013e-8, 18);
    expect(skewed.reason).toMatch(/not split as configured/);
    const fair = sampleRatioMismatch([10_000, 10_000], [1, 1]);
    expect(fair.status).toBe('ok');
    expect(fair.pValue).toBe(1);
  });

  it('reads unequal weights (50/25/25) and needs 5 expected users per variant', () => {
    expect(sampleRatioMismatch([5_030, 2_480, 2_490], [50, 25, 25]).status).toBe('ok');
    expect(sampleRatioMismatch([5_400, 2_300, 2_300], [50, 25, 25]).status).toBe('alarm');
    expect(sampleRatioMismatch([6, 2], [1, 1]).status).toBe('insufficient-data');
    expect(() => sampleRatioMismatch([10, 10], [1, 0])).toThrow(RangeError);
  });
});

describe('CUPED from sufficient statistics', () => {
  // Control x = 1..4, y = 2, 4, 5, 8; treatment x = 2..5, y = 4, 5, 7, 9.
  // Centred: control S_xx = 5, S_xy = 9.5, S_yy = 18.75; treatment S_xx = 5, S_xy = 8.5, S_yy = 14.75.
  // θ = (9.5 + 8.5)/(5 + 5) = 1.8; x̄ = 24/8 = 3.
  const control = emptySummary(true);
  [2, 4, 5, 8].forEach((y, i) => addObservation(control, y, i + 1));
  const treatment = emptySummary(true);
  [4, 5, 7, 9].forEach((y, i) => addObservation(treatment, y, i + 2));

  it('matches the hand computation of θ, adjusted means and adjusted variances', () => {
    const r = cupedAdjust([control, treatment])!;
    expect(r.theta).toBeCloseTo(1.8, 12);
    expect(r.covariateMean).toBeCloseTo(3, 12);
    const [c, t] = r.variants;
    expect(c!.adjusted.mean).toBeCloseTo(4.75 - 1.8 * (2.5 - 3), 12);
    expect(t!.adjusted.mean).toBeCloseTo(6.25 - 1.8 * (3.5 - 3), 12);
    expect(c!.adjusted.variance).toBeCloseTo((18.75 - 2 * 1.8 * 9.5 + 1.8 ** 2 * 5) / 3, 12);
    expect(t!.adjusted.variance).toBeCloseTo((14.75 - 2 * 1.8 * 8.5 + 1.8 ** 2 * 5) / 3, 12);
    expect(c!.varianceReduction).toBeCloseTo(1 - 0.25 / 6.25, 12);
  });

  it('does nothing without covariate sums, or when the covariate never varies', () => {
    expect(cupedAdjust([{ n: 3, sum: 3, sumSquares: 5 }, control])).toBeNull();
    const flat = emptySummary(true);
    [1, 2, 3].forEach((y) => addObservation(flat, y, 7));
    const r = cupedAdjust([flat, flat])!;
    expect(r.theta).toBe(0);
    expect(r.variants[0]!.adjusted).toMatchObject(r.variants[0]!.unadjusted);
    expect(r.variants[0]!.adjusted.cuped).toMatchObject({ theta: 0, unadjustedMean: 2 });
  });
});
