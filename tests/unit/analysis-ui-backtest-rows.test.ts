import { describe, expect, it } from 'vitest';
import {
  backtestFieldErrors,
  baselineComparison,
  defaultCutoff,
  shareOf,
  totalDifference,
} from '@/components/analysis/backtest-format';
import {
  calibrationSummary,
  toCalibrationRows,
  toCalibrationSeries,
  wilsonInterval,
} from '@/components/analysis/backtest-rows';
import type { CalibrationBin } from '@/lib/analysis/backtest/score-backtest';

/** Ten bins as scoreBacktest writes them, filled where `filled` says. */
function bins(filled: Record<number, [customers: number, meanPredicted: number, observed: number]>) {
  return Array.from({ length: 10 }, (_, i): CalibrationBin => {
    const [customers, meanPredicted, observed] = filled[i] ?? [0, 0, 0];
    return { from: i / 10, to: (i + 1) / 10, customers, meanPredicted, observed };
  });
}

describe('toCalibrationRows', () => {
  it('drops empty bins and gives the rest in percent, with their range and customers', () => {
    const rows = toCalibrationRows(
      bins({ 0: [120, 0.042, 0.05], 4: [1, 0.4567, 1], 9: [40, 0.953, 0.9] }),
      'repeat',
    );
    expect(rows.map((r) => [r.predictedPct, r.observedPct, r.customers])).toEqual([
      [4.2, 5, 120],
      [45.7, 100, 1],
      [95.3, 90, 40],
    ]);
    expect(rows[0]).toMatchObject({ series: 'repeat', rangeLabel: '0–10%' });
    expect(rows[1]?.rangeLabel).toBe('40–50%');
    expect(rows[2]?.label).toMatch(/^40 customers: predicted 95%, observed 90% \(95% interval \d+–\d+%\)$/);
    expect(rows[1]?.label).toMatch(/^1 customer: /);
  });

  it('gives a small bin a wide interval and a large one a narrow one, both around the observed share', () => {
    const [small, large] = toCalibrationRows(bins({ 2: [5, 0.25, 0.2], 3: [500, 0.35, 0.2] }), 'alive');
    for (const r of [small!, large!]) {
      expect(r.observedLowPct).toBeLessThanOrEqual(r.observedPct);
      expect(r.observedHighPct).toBeGreaterThanOrEqual(r.observedPct);
    }
    expect(small!.observedHighPct - small!.observedLowPct).toBeGreaterThan(40);
    expect(large!.observedHighPct - large!.observedLowPct).toBeLessThan(8);
  });

  it('is empty without bins and skips bins stored without numbers', () => {
    expect(toCalibrationRows(undefined, 'alive')).toEqual([]);
    const broken = { from: 0.1, to: 0.2, customers: 3 } as unknown as CalibrationBin;
    expect(toCalibrationRows([broken], 'repeat')).toEqual([]);
  });
});

describe('toCalibrationSeries', () => {
  const score = {
    horizonDays: 90,
    repeatCalibration: bins({ 1: [10, 0.15, 0.1], 7: [30, 0.75, 0.8] }),
    repeatBrier: 0.055,
  };

  it('names the repeat series by its horizon and adds P(alive) only with ground truth', () => {
    const only = toCalibrationSeries(score);
    expect(only.map((s) => s.label)).toEqual(['Buys again within 90 days']);
    expect(only[0]).toMatchObject({ key: 'repeat', brier: 0.055, customers: 40 });

    const both = toCalibrationSeries({
      ...score,
      horizonDays: 30,
      aliveCalibration: bins({ 9: [25, 0.97, 0.96] }),
      aliveBrier: 0.054,
    });
    expect(both.map((s) => s.label)).toEqual(['Buys again within 30 days', "P(alive) vs the seed's truth"]);
    expect(both[1]).toMatchObject({ key: 'alive', customers: 25 });
    expect(both[1]?.rows.every((r) => r.series === 'alive')).toBe(true);
  });

  it('leaves out a series whose bins are all empty, and the summary says every point', () => {
    const series = toCalibrationSeries({ ...score, aliveCalibration: bins({}), aliveBrier: 0 });
    expect(series).toHaveLength(1);
    const summary = calibrationSummary(series);
    expect(summary).toContain('Buys again within 90 days (Brier 0.055)');
    expect(summary).toContain('10 customers: predicted 15%, observed 10%');
    expect(summary).toContain('30 customers: predicted 75%, observed 80%');
  });
});

describe('wilsonInterval', () => {
  it('matches the textbook interval and stays within 0..1', () => {
    const { low, high } = wilsonInterval(0.5, 100);
    expect(low).toBeCloseTo(0.404, 3);
    expect(high).toBeCloseTo(0.596, 3);
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(1, 10).high).toBe(1);
    expect(wilsonInterval(0.3, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('backtest figures', () => {
  it('defaults the cut-off to 90 of the store’s days before its today, whatever the browser’s hour', () => {
    expect(defaultCutoff(new Date('2026-11-30T23:30:00Z'), 'UTC')).toBe('2026-09-01');
    expect(defaultCutoff(new Date('2026-11-30T00:10:00Z'), 'UTC')).toBe('2026-09-01');
    expect(defaultCutoff(new Date('2026-11-30T12:00:00Z'), 'UTC', 7)).toBe('2026-11-23');
    // 00:10 UTC on the 30th is still the 29th in New York, and already 09:10 on the 30th in Tokyo.
    expect(defaultCutoff(new Date('2026-11-30T00:10:00Z'), 'America/New_York')).toBe('2026-08-31');
    expect(defaultCutoff(new Date('2026-11-29T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-09-01');
  });

  it('puts field errors next to their field and keeps the rest for the form', () => {
    expect(
      backtestFieldErrors([
        { path: 'body.horizonDays', message: 'horizonDays must be at most 365' },
        { path: 'body.cutoff', message: 'cutoff must be a day as YYYY-MM-DD' },
        { path: 'body', message: 'unknown field: extra' },
      ]),
    ).toEqual({
      fields: {
        horizonDays: 'horizonDays must be at most 365',
        cutoff: 'cutoff must be a day as YYYY-MM-DD',
      },
      other: ['unknown field: extra'],
    });
  });

  it('says how the error compares with the naive baseline', () => {
    expect(baselineComparison(1.31, 2.6)).toBe('2.0× better than carrying the past rate forward');
    expect(baselineComparison(2, 1.6)).toBe('1.3× worse than carrying the past rate forward');
    expect(baselineComparison(1, 1)).toBe('no better than carrying the past rate forward');
  });

  it('says how far the predicted total was off, and shares with their count and interval', () => {
    expect(totalDifference(3215, 3138)).toBe('+2.5% off');
    expect(totalDifference(90, 100)).toBe('−10.0% off');
    expect(totalDifference(100.01, 100)).toBe('spot on');
    expect(shareOf(0.5, 100, ['customer', 'customers'])).toBe('50% of 100 customers (95% interval 40–60%)');
    expect(shareOf(1, 1, ['prediction', 'predictions'])).toMatch(
      /^100% of 1 prediction \(95% interval 21–100%\)$/,
    );
  });
});
