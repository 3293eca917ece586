import { describe, expect, it } from 'vitest';
import type { BacktestScore } from '@/lib/analysis/backtest/score-backtest';
import { brierRows, improvement, valueRows, windowRows } from '@/components/analysis/backtest-score-rows';

const method = (id: string, baseline: boolean, intervalScore: number, coverage = 0.8, medianWidth = 20) => ({
  id,
  label: baseline ? `naive: ${id}` : `the ${id}`,
  baseline,
  coverage,
  medianWidth,
  medianWidthShown: medianWidth,
  intervalScore,
});

const score = {
  horizonDays: 90,
  window: { from: '2026-09-09', to: '2026-12-07' },
  windows: {
    coverage: 0.8,
    pairs: 6469,
    purchases: 2713,
    methods: [
      method('model', false, 50.8, 0.846, 39.5),
      method('unconditional', false, 129.7, 0.78),
      method('last-gap', true, 57.7),
      method('category-gaps', true, 58.8),
    ],
    categories: [],
  },
  repeat: {
    population: 'customers',
    count: 1078,
    observed: 0.386,
    methods: [
      { id: 'model', label: 'the model', baseline: false, brier: 0.0554 },
      { id: 'base-rate', label: 'naive: base rate', baseline: true, brier: 0.2384 },
    ],
    calibration: [],
  },
  value: {
    customers: 1078,
    currency: 'USD',
    orders: [{ id: 'model', label: 'the model', baseline: false, mae: 1.315 }],
    spend: [
      { id: 'model', label: 'the model', baseline: false, mae: 22.06 },
      { id: 'last-period', label: 'naive', baseline: true, mae: 27.61 },
    ],
    topDecile: [
      { id: 'model', label: 'the model', baseline: false, capture: 0.399 },
      { id: 'perfect', label: 'hindsight', baseline: true, capture: 0.476 },
    ],
  },
} as unknown as BacktestScore;

describe('the backtest scores on the Analysis page', () => {
  it('says in one sentence how the model’s windows compare with the best naive forecast', () => {
    const { verdict, rows } = windowRows(score)!;
    expect(verdict).toBe(
      "The model's 80% windows held 84.6% of 2,713 purchases and score 12% better than the best naive forecast (last-gap).",
    );
    expect(rows.map((r) => [r.id, r.value, r.extra, r.barPct])).toEqual([
      ['model', '50.8 d', ['84.6%', '39.5 d'], 39],
      ['unconditional', '129.7 d', ['78%', '20 d'], 100],
      ['last-gap', '57.7 d', ['80%', '20 d'], 44],
      ['category-gaps', '58.8 d', ['80%', '20 d'], 45],
    ]);
  });

  it('says worse when the model is worse, and nothing when there is nothing to compare', () => {
    expect(improvement(60, 50)).toBe('20% worse than');
    expect(improvement(50, 50)).toBe('as good as');
    expect(improvement(50, 0)).toBe('no comparison');
  });

  it('shows Brier scores, errors in the store’s currency, and spend found', () => {
    expect(brierRows(score.repeat).map((r) => r.value)).toEqual(['0.055', '0.238']);
    const value = valueRows(score)!;
    expect(value.spend.map((r) => r.value)).toEqual(['$22.06', '$27.61']);
    expect(value.orders[0]!.value).toBe('1.32 orders');
    expect(value.capture.map((r) => [r.value, r.barPct])).toEqual([
      ['39.9%', 84],
      ['47.6%', 100],
    ]);
  });

  it('has nothing to show for a backtest stored before the proper scores', () => {
    const old = { horizonDays: 90 } as unknown as BacktestScore;
    expect(windowRows(old)).toBeUndefined();
    expect(valueRows(old)).toBeUndefined();
    expect(brierRows(undefined)).toEqual([]);
  });
});
