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
});
