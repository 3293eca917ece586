import { describe, expect, it } from 'vitest';
import { fitCategoryRhythm, isOverdue, predictNextPurchase } from '@/lib/analysis/models/replenishment';
import { createPrng } from '@/lib/math/prng';

// Milk: the typical household buys every ~5 days; households differ (τ = 0.35 on the log scale) and each is
// irregular around its own rhythm (σ = 0.3).
const MU = Math.log(5);
const TAU = 0.35;
const SIGMA = 0.3;

function households(seed: string, n: number, purchases: () => number) {
  const rng = createPrng(seed);
  return Array.from({ length: n }, () => {
    const own = rng.normal(MU, TAU);
    const k = purchases();
    return {
      own,
      intervals: Array.from({ length: k }, () => Math.exp(rng.normal(own, SIGMA))),
      next: Math.exp(rng.normal(own, SIGMA)),
    };
  });
}

describe('replenishment', () => {
  const rng = createPrng('replenishment-sizes');
  const base = households('replenishment', 3_000, () => 1 + Math.floor(rng.uniform() * 12));
  const rhythm = fitCategoryRhythm(base.map((h) => h.intervals));

  it('recovers the category rhythm: typical cycle, regularity and spread between households', () => {
    expect(Math.exp(rhythm.mu)).toBeGreaterThan(4.7);
    expect(Math.exp(rhythm.mu)).toBeLessThan(5.3);
    expect(Math.sqrt(rhythm.sigma2)).toBeCloseTo(SIGMA, 1);
    expect(Math.sqrt(rhythm.tau2)).toBeGreaterThan(0.3);
    expect(Math.sqrt(rhythm.tau2)).toBeLessThan(0.4);
  });

  it('leans on the category for a new buyer and on their own history for a regular one', () => {
    const fresh = predictNextPurchase(rhythm, [12]); // one slow interval
    const regular = predictNextPurchase(
      rhythm,
      Array.from({ length: 30 }, () => 12),
    );
    expect(fresh.ownWeight).toBeLessThan(0.7);
    expect(regular.ownWeight).toBeGreaterThan(0.95);
    expect(fresh.days).toBeGreaterThan(5);
    expect(fresh.days).toBeLessThan(12); // pulled toward ~5 days
    expect(regular.days).toBeGreaterThan(11.5);
    // More history, a tighter interval (relative: the spread is multiplicative)
    expect(regular.high / regular.low).toBeLessThan(fresh.high / fresh.low);
    const none = predictNextPurchase(rhythm, []);
    expect(none.ownWeight).toBe(0);
    expect(none.days).toBeCloseTo(Math.exp(rhythm.mu), 6);
  });

  it('gives 80 % intervals that hold the next purchase about 80 % of the time', () => {
    const held = households('replenishment-holdout', 4_000, () => 1 + Math.floor(rng.uniform() * 12));
    const inside = held.filter((h) => {
      const next = predictNextPurchase(rhythm, h.intervals, 0.8);
      return h.next >= next.low && h.next <= next.high;
    }).length;
    expect(inside / held.length).toBeGreaterThan(0.77);
    expect(inside / held.length).toBeLessThan(0.83);
  });

  it('calls a customer overdue only past the top of their interval', () => {
    const next = predictNextPurchase(rhythm, [5, 6, 5, 4, 5]);
    expect(isOverdue(next, next.days)).toBe(false);
    expect(isOverdue(next, next.high + 0.5)).toBe(true);
  });
});
