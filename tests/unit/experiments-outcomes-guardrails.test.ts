import { describe, expect, it } from 'vitest';
import { guardrailCheckFrom } from '@/lib/experiments/guardrail-check';
import type { MetricTotals } from '@/lib/experiments/observation-cells';
import { conversionVerdict, predictionFrom, purchaseVerdict } from '@/lib/experiments/outcomes/outcome-cells';
import { buildResultsInput, costPerCorrectOf } from '@/lib/experiments/results-input';
import { computeResults } from '@/lib/experiments/stats';
import { createPrng } from '@/lib/math/prng';
import { totals, twoArmExperiment } from '../support/experiment-fixture';

describe('prediction outcomes', () => {
  const numbers = {
    asOf: '2026-11-01',
    nextPurchases: [
      { category: 'cat_dairy', dueInDays: 6, lowDays: 4, highDays: 9, overdue: false },
      { category: 'cat_bakery', dueInDays: 2, lowDays: 1, highDays: 3, overdue: true },
      { category: 'cat_fruit', dueInDays: 12, lowDays: 8, highDays: 20, overdue: false },
    ],
  };

  it('predicts the soonest category still due, its window counted from the analysis day', () => {
    expect(predictionFrom(numbers, 'UTC')).toEqual({
      category: 'cat_dairy',
      opensAt: '2026-11-05T00:00:00.000Z',
      closesAt: '2026-11-11T00:00:00.000Z', // the 10th is the last day in the window
    });
    expect(predictionFrom({ asOf: '2026-11-01', nextPurchases: [] }, 'UTC')).toBeUndefined();
  });

  it('carries what scoring the window needs, and stays open until the horizon is over', () => {
    const scored = {
      asOf: '2026-11-01',
      nextPurchases: [
        {
          category: 'cat_dairy',
          dueInDays: 6,
          lowDays: 3.6,
          highDays: 9.4,
          overdue: false,
          coverage: 0.8,
          horizonDays: 90,
        },
        // The gap model gives no horizon: its window is judged over the product's 90 days all the same.
        { category: 'cat_fruit', dueInDays: 12, lowDays: -2, highDays: 20, overdue: false, coverage: 0.8 },
      ],
    };
    expect(predictionFrom(scored, 'UTC')).toEqual({
      category: 'cat_dairy',
      opensAt: '2026-11-05T00:00:00.000Z',
      closesAt: '2026-11-11T00:00:00.000Z', // 9.4 days: the 10th is the last day in the window
      asOf: '2026-11-01',
      lowDays: 3.6,
      highDays: 9.4,
      coverage: 0.8,
      horizonDays: 90,
      resolvesBy: '2027-01-31T00:00:00.000Z', // the horizon's last day, the 90th after the 1st, is 30 Jan
    });
    const gap = predictionFrom({ ...scored, nextPurchases: [scored.nextPurchases[1]!] }, 'UTC')!;
    expect(gap).toMatchObject({
      lowDays: -2,
      highDays: 20,
      horizonDays: 90,
      opensAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('scores a purchase by the days from the analysis day on the store’s clock: interval score and bought', () => {
    const outcome = {
      madeAt: '2026-11-01T07:00:00Z',
      opensAt: '2026-11-05T04:00:00.000Z',
      closesAt: '2026-11-10T05:00:00.000Z',
      category: 'cat_dairy',
      asOf: '2026-11-01',
      lowDays: 3.6,
      highDays: 9.4,
      coverage: 0.8,
      horizonDays: 90,
    };
    const buy = (placedAt: string) =>
      purchaseVerdict(outcome, { placedAt, categories: ['cat_dairy'] }, 'America/New_York');
    // 7 Nov in New York: y = 6, inside [3.6, 9.4] → the width, 5.8.
    expect(buy('2026-11-07T15:00:00Z')).toEqual({
      accuracy: 1,
      bought_within_horizon: 1,
      interval_score: 5.8,
      window_days: 5.8,
    });
    // 02:00 UTC on the 16th is still the 15th in New York: y = 14 → 5.8 + 10 × 4.6 = 51.8.
    expect(buy('2026-11-16T02:00:00Z')).toEqual({
      accuracy: 0,
      bought_within_horizon: 1,
      interval_score: 51.8,
      window_days: 5.8,
    });
    // The 1st itself, after the analysis: y = 0 → 5.8 + 10 × 3.6 = 41.8.
    expect(buy('2026-11-01T12:00:00Z')).toEqual({
      accuracy: 0,
      bought_within_horizon: 1,
      interval_score: 41.8,
      window_days: 5.8,
    });
    // After the horizon (a sweep not yet run): not bought within it, no interval score.
    expect(buy('2027-02-15T12:00:00Z')).toEqual({ accuracy: 0, bought_within_horizon: 0 });
  });

  it('opens and closes the window at midnight on the store’s clock, across a clock change', () => {
    // New York: the 1st is still summer time (UTC−4) until 02:00; the 5th and the 11th are winter time (UTC−5).
    expect(predictionFrom(numbers, 'America/New_York')).toEqual({
      category: 'cat_dairy',
      opensAt: '2026-11-05T05:00:00.000Z',
      closesAt: '2026-11-11T05:00:00.000Z',
    });
    // Tokyo (UTC+9) starts its days the evening before in UTC.
    expect(predictionFrom(numbers, 'Asia/Tokyo')?.opensAt).toBe('2026-11-04T15:00:00.000Z');
  });

  it('is right for a purchase of the category inside the window, wrong before or after it', () => {
    const outcome = {
      madeAt: '2026-11-01T02:00:00Z',
      opensAt: '2026-11-05T00:00:00.000Z',
      closesAt: '2026-11-11T00:00:00.000Z',
      category: 'cat_dairy',
    };
    const buy = (placedAt: string, categories = ['cat_dairy']) =>
      purchaseVerdict(outcome, { placedAt, categories }, 'UTC');
    expect(buy('2026-11-07T10:00:00Z')).toEqual({ accuracy: 1 });
    expect(buy('2026-11-10T23:59:00Z')).toEqual({ accuracy: 1 });
    expect(buy('2026-11-03T10:00:00Z')).toEqual({ accuracy: 0 }); // earlier than predicted
    expect(buy('2026-11-11T00:00:00Z')).toEqual({ accuracy: 0 });
    expect(buy('2026-11-07T10:00:00Z', ['cat_fruit'])).toBeUndefined(); // says nothing about dairy
    expect(buy('2026-10-30T10:00:00Z')).toBeUndefined(); // before the prediction
    expect(
      conversionVerdict(
        { madeAt: '2026-11-01T00:00:00Z', closesAt: '2026-11-02T00:00:00Z' },
        '2026-11-01T05:00:00Z',
      ),
    ).toBe(1);
    expect(
      conversionVerdict(
        { madeAt: '2026-11-01T00:00:00Z', closesAt: '2026-11-02T00:00:00Z' },
        '2026-11-03T05:00:00Z',
      ),
    ).toBe(0);
  });
});

describe('guardrail checks and cost per correct prediction', () => {
  const experiment = twoArmExperiment('latency-guard', 'slow', {
    guardrails: [{ metric: 'latency_ms', tolerancePercent: 10 }],
    plannedSampleSizePerVariant: 2000,
  });

  /** Sums of `n` seeded draws around `mean` (latency in ms, spread 20 %). */
  function latency(variant: string, mean: number, n: number, seed: string): MetricTotals {
    const rng = createPrng(seed);
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const v = mean * (1 + 0.2 * (rng.uniform() * 2 - 1));
      sum += v;
      sumSquares += v * v;
    }
    return totals(variant, 'latency_ms', { n, sum, sumSquares });
  }

  const check = (slowMean: number) => {
    const cells = [latency('control', 400, 1500, 'c'), latency('slow', slowMean, 1500, 's')];
    const results = computeResults(buildResultsInput(experiment, cells, { control: 1500, slow: 1500 }));
    return guardrailCheckFrom(experiment, results);
  };

  it('fails a guardrail only when the whole interval is worse than its tolerance', () => {
    const failing = check(520); // +30 %
    expect(failing.passed).toBe(false);
    expect(failing.results[0]).toMatchObject({ metric: 'latency_ms', passed: false });
    expect(failing.results[0]!.detail).toMatch(/^latency_ms: slow \+(29|30)\.\d % \(interval/);
    expect(check(420).passed).toBe(true); // +5 %: within the 10 % tolerance
    expect(check(400).passed).toBe(true);
  });

  it('divides the cost by the correct predictions', () => {
    const cells = [
      totals('control', 'cost_per_correct', { sum: 0.6, sumDen: 30 }),
      totals('slow', 'cost_per_correct', {}),
    ];
    expect(costPerCorrectOf(experiment, cells)).toEqual({ control: 0.02, slow: null });
  });
});

describe('guardrail checks below zero and on impossible sums', () => {
  // A custom guardrail that can be negative: margin per analysis in USD, higher is better, 10 % tolerance.
  const experiment = twoArmExperiment('margin-guard', 'wide', {
    customMetrics: [
      { key: 'margin_usd', name: 'Margin', kind: 'mean', direction: 'higher', unit: 'USD per analysis' },
    ],
    guardrails: [{ metric: 'margin_usd', tolerancePercent: 10 }],
    plannedSampleSizePerVariant: 1000,
  });
  /** 1,000 analyses with mean `mean` and standard deviation about 2. */
  const margin = (variant: string, mean: number, sumSquares = (mean ** 2 + 4) * 1000) =>
    totals(variant, 'margin_usd', { n: 1000, sum: mean * 1000, sumSquares });
  const check = (...cells: MetricTotals[]) =>
    guardrailCheckFrom(
      experiment,
      computeResults(buildResultsInput(experiment, cells, { control: 1000, wide: 1000 })),
    );

  it('passes an improvement from −2 to −1 USD (+50 %), fails a fall from −1 to −2 USD (−100 %)', () => {
    const better = check(margin('control', -2), margin('wide', -1));
    expect(better.passed).toBe(true);
    expect(better.results[0]!.detail).toMatch(/^margin_usd: wide \+50\.0 % \(interval \+\d/);
    const worse = check(margin('control', -1), margin('wide', -2));
    expect(worse.passed).toBe(false);
    expect(worse.results[0]!.detail).toMatch(/^margin_usd: wide −100\.0 % \(interval −/);
  });

  it('fails, saying why, when the guardrail’s sums are impossible (the ramp may not advance on it)', () => {
    const r = check(margin('control', -2), margin('wide', -1, 10));
    expect(r.passed).toBe(false);
    expect(r.results[0]).toMatchObject({ metric: 'margin_usd', passed: false });
    expect(r.results[0]!.detail).toMatch(
      /^margin_usd: cannot compute Margin: the sums recorded for wide are impossible \(Σy² = 10 is less than/,
    );
  });
});
