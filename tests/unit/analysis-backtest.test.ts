import { describe, expect, it } from 'vitest';
import { scoreBacktest } from '@/lib/analysis/backtest/score-backtest';
import { epochDay, purchaseDigest } from '@/lib/customers/purchase-digest';
import { generateCustomerHistories } from '@/lib/seed/generate';

const END = new Date('2026-11-23T00:00:00Z');
const CUTOFF = '2026-08-25T00:00:00.000Z';

describe('backtest on the seed generator, whose truth is known', () => {
  const customers = [...generateCustomerHistories({ seed: 'backtest-unit', customers: 1500, end: END })].map(
    (h) => ({
      customerId: h.customer.customerId,
      digest: purchaseDigest(h.orders, 'UTC')!,
      aliveAtCutoff: h.truth.droppedOutAt === null || h.truth.droppedOutAt > CUTOFF,
    }),
  );
  const score = scoreBacktest(customers, epochDay(CUTOFF, 'UTC'), 90, 'EUR');

  it('predicts the number of purchases in the holdout close to what happened, better than the past rate', () => {
    expect(score.customers).toBeGreaterThan(1000);
    // Total purchases within 10 %: the population model is the generator's own process.
    expect(
      Math.abs(score.purchases.predicted - score.purchases.actual) / score.purchases.actual,
    ).toBeLessThan(0.1);
    expect(score.purchases.mae).toBeLessThan(score.purchases.baselineMae);
  });

  it('gives P(alive) that is calibrated against who really was still active', () => {
    expect(score.aliveBrier).toBeLessThan(0.1);
    // Where the model is confident either way, it is right: the extreme bins match the truth within 10 points.
    const bins = score.aliveCalibration!.filter((b) => b.customers >= 50);
    expect(bins.length).toBeGreaterThanOrEqual(2);
    for (const b of bins) expect(Math.abs(b.meanPredicted - b.observed)).toBeLessThan(0.1);
  });

  it('holds the next purchase of a category inside its 80 % interval about 80 % of the time', () => {
    expect(score.nextCategory.intervals).toBeGreaterThan(1000);
    expect(score.nextCategory.intervalCoverage).toBeGreaterThan(0.7);
    expect(score.nextCategory.intervalCoverage).toBeLessThan(0.9);
    // Soonest-due category in the next basket: far above picking one of the ~7 regular categories at random.
    expect(score.nextCategory.hitRate).toBeGreaterThan(0.3);
  });

  it('scores the windows with the interval score, and the model beats the naive baselines and the model before', () => {
    const w = score.windows!;
    expect(w.purchases).toBeGreaterThan(1000);
    const by = Object.fromEntries(w.methods.map((m) => [m.id, m]));
    expect(by.model!.coverage).toBeGreaterThan(0.72);
    expect(by.model!.coverage).toBeLessThan(0.88);
    for (const other of ['unconditional', 'last-gap', 'category-gaps'])
      expect(by.model!.intervalScore).toBeLessThan(by[other]!.intervalScore);
    // The score is the width plus the misses: never below the width of a window that always held the purchase.
    for (const m of w.methods) expect(m.intervalScore).toBeGreaterThan(0);
    expect(w.categories[0]!.purchases).toBeGreaterThan(0);
  });

  it('scores probabilities with the Brier score against base rates and RFM learned before the cut', () => {
    const brier = (p: typeof score.repeat) => Object.fromEntries(p!.methods.map((m) => [m.id, m.brier]));
    const repeat = brier(score.repeat);
    expect(repeat.model).toBeLessThan(repeat['base-rate']!);
    expect(repeat.model).toBeLessThan(repeat.rfm!);
    expect(repeat.rfm).toBeLessThan(repeat['base-rate']!);
    const category = brier(score.categoryPurchase);
    expect(category.model).toBeLessThan(category['base-rate']!);
    expect(score.categoryPurchase!.calibration.reduce((n, b) => n + b.customers, 0)).toBe(
      score.categoryPurchase!.count,
    );
  });

  it('scores orders, spend and the ranking by value against what each customer did in the holdout', () => {
    const v = score.value!;
    const mae = (list: typeof v.orders) => Object.fromEntries(list.map((m) => [m.id, m.mae]));
    expect(mae(v.orders).model).toBeLessThan(mae(v.orders)['last-period']!);
    expect(mae(v.spend).model).toBeLessThan(mae(v.spend)['last-period']!);
    const capture = Object.fromEntries(v.topDecile.map((m) => [m.id, m.capture]));
    expect(capture.model).toBeGreaterThan(capture.rfm!);
    for (const id of ['model', 'last-period', 'rfm'])
      expect(capture[id]).toBeLessThanOrEqual(capture.perfect!);
    expect(score.window).toEqual({ from: '2026-08-26', to: '2026-11-23' });
  });

  it('has no NaN to store when there is nothing to score: customers who bought once, and nobody in the horizon', () => {
    const once = Array.from({ length: 30 }, (_, i) => ({
      customerId: `once-${i}`,
      digest: purchaseDigest(
        [
          {
            placedAt: `2026-0${1 + (i % 6)}-1${i % 9}T10:00:00Z`,
            totalMinor: 1000 + i,
            items: [{ categoryId: 'cat_dairy' }],
          },
        ],
        'UTC',
      )!,
    }));
    // A few repeat buyers so the models can fit, none of them of one category often enough for a rhythm; nobody
    // buys anything after the cut.
    for (let i = 0; i < 3; i++)
      once.push({
        customerId: `twice-${i}`,
        digest: purchaseDigest(
          [1, 3].map((m) => ({
            placedAt: `2026-0${m + i}-05T10:00:00Z`,
            totalMinor: 2000 + 100 * m + i,
            items: [{ categoryId: `cat_${i}` }],
          })),
          'UTC',
        )!,
      });
    const cut = epochDay('2026-08-01T00:00:00Z', 'UTC');
    const result = scoreBacktest(once, cut, 90, 'EUR');
    const nonFinite: string[] = [];
    JSON.stringify(result, (key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) nonFinite.push(key);
      return value;
    });
    expect(nonFinite).toEqual([]);
    expect(result.windows).toBeUndefined();
    expect(result.value!.topDecile.every((m) => m.capture === null)).toBe(true);
  });
});
