import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrationBins,
  intervalScore,
  median,
  quantileSorted,
  topShareCapture,
} from '@/lib/math/scores';

describe('proper scores', () => {
  it('interval score: the width when the outcome is inside, plus 2/α times the miss outside (Gneiting & Raftery 2007)', () => {
    expect(intervalScore(2, 6, 4, 0.2)).toBe(4);
    expect(intervalScore(2, 6, 2, 0.2)).toBe(4);
    expect(intervalScore(2, 6, 1, 0.2)).toBeCloseTo(4 + 10 * 1);
    expect(intervalScore(2, 6, 8, 0.2)).toBeCloseTo(4 + 10 * 2);
    expect(intervalScore(2, 6, 8, 0.1)).toBeCloseTo(4 + 20 * 2);
    expect(() => intervalScore(6, 2, 4, 0.2)).toThrow(/empty/);
    expect(() => intervalScore(2, 6, 4, 1)).toThrow(/alpha/);
  });

  it('a wider window does not win by being wide: the true quantiles score best on average', () => {
    // Outcomes uniform on 0..100: the 10 % and 90 % quantiles are 10 and 90.
    const ys = Array.from({ length: 1001 }, (_, i) => i / 10);
    const mean = (low: number, high: number) =>
      ys.reduce((s, y) => s + intervalScore(low, high, y, 0.2), 0) / ys.length;
    expect(mean(10, 90)).toBeLessThan(mean(0, 100));
    expect(mean(10, 90)).toBeLessThan(mean(20, 80));
    expect(mean(10, 90)).toBeLessThan(mean(5, 95));
  });

  it('Brier score and calibration bins', () => {
    expect(
      brierScore([
        [0.8, 1],
        [0.3, 0],
        [0.5, 1],
      ]),
    ).toBeCloseTo((0.04 + 0.09 + 0.25) / 3);
    expect(brierScore([])).toBeNaN();
    const bins = calibrationBins(
      [
        [0.05, 0],
        [0.15, 1],
        [0.12, 0],
        [1, 1],
      ],
      10,
    );
    expect(bins).toHaveLength(10);
    expect(bins[1]).toMatchObject({ count: 2, observed: 0.5 });
    expect(bins[1]!.meanPredicted).toBeCloseTo(0.135);
    expect(bins[9]).toMatchObject({ count: 1, meanPredicted: 1, observed: 1 });
  });

  it('top-decile capture: the share of the total the top 10 % by score account for, no credit for ties', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      score: i,
      actual: i === 19 ? 50 : i === 18 ? 30 : 1,
    }));
    // Top 2 of 20 by score hold 80 of the 98.
    expect(topShareCapture(items)).toBeCloseTo(80 / 98);
    // A ranking that cannot tell anyone apart captures the lowest values first.
    expect(topShareCapture(items.map((i) => ({ ...i, score: 0 })))).toBeCloseTo(2 / 98);
    expect(topShareCapture([{ score: 1, actual: 0 }])).toBeNaN();
  });

  it('quantiles as R type 7, and the median', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
  });
});
