import { describe, expect, it } from 'vitest';
import { createPrng } from '@/lib/math/prng';
import {
  fitCategoryDropout,
  pActiveInCategory,
  predictCategoryTiming,
  type DropoutHistory,
} from '@/lib/analysis/models/category-timing';
import type { CategoryRhythm } from '@/lib/analysis/models/replenishment';

// A weekly category: log-gaps around ln 7 with a spread that makes 80 % of gaps fall in about 4.3–11.3 days.
const WEEKLY: CategoryRhythm = { mu: Math.log(7), sigma2: 0.14, tau2: 0.01, customers: 100 };
const REGULAR = [7, 7, 7, 7, 7, 7, 7, 7];
const base = {
  rhythm: WEEKLY,
  intervals: REGULAR,
  pAlive: 0.95,
  horizonDays: 90,
  coverage: 0.8,
  tripWithin: (days: number) => 1 - Math.exp(-days / 3),
};

describe('category timing: when the next purchase comes, and whether it comes at all', () => {
  it('right after a purchase, the window is the gap’s own: median a week, 80 % between about 4 and 11 days', () => {
    const t = predictCategoryTiming({ ...base, daysSinceLast: 0, daysSinceLastTrip: 0 });
    expect(t.dueInDays).toBeCloseTo(7, 0);
    expect(t.lowDays).toBeGreaterThan(3.5);
    expect(t.lowDays).toBeLessThan(5);
    expect(t.highDays).toBeGreaterThan(10);
    expect(t.highDays).toBeLessThan(12.5);
    expect(t.pActive).toBeCloseTo(0.95, 2);
    expect(t.pWithinHorizon).toBeCloseTo(0.95, 2);
  });

  it('a customer who shopped today without it, 60 days after their last weekly purchase, has probably stopped buying it', () => {
    const dropout = { a: 1, b: 9 };
    const stopped = predictCategoryTiming({ ...base, dropout, daysSinceLast: 60, daysSinceLastTrip: 0 });
    expect(stopped.pActive).toBeLessThan(0.02);
    expect(stopped.pWithinHorizon).toBeLessThan(0.02);
    // The same silence without any trip since is BG/NBD's to weigh (P(alive)), not a sign they dropped the category.
    const away = predictCategoryTiming({ ...base, dropout, daysSinceLast: 60, daysSinceLastTrip: 60 });
    expect(away.pActive).toBeGreaterThan(0.8);
    // …and being due already, they buy it on their next trip: the window opens now.
    expect(away.lowDays).toBeLessThan(1);
    expect(away.highDays).toBeLessThan(10);
  });

  it('the window moves with the silence so far: 5 days after a purchase it is 2 days away, not 7', () => {
    const t = predictCategoryTiming({ ...base, daysSinceLast: 5, daysSinceLastTrip: 0 });
    expect(t.dueInDays).toBeGreaterThan(1);
    expect(t.dueInDays).toBeLessThan(3.5);
    expect(t.lowDays).toBeGreaterThanOrEqual(0);
  });

  it('P(still buying) falls with the days without it, and with fewer purchases behind them when some drop out', () => {
    const dropout = { a: 1, b: 4 };
    expect(pActiveInCategory(0.9, 8, 0.5, dropout)).toBeGreaterThan(pActiveInCategory(0.9, 8, 0.1, dropout));
    expect(pActiveInCategory(0.9, 8, 0.5, dropout)).toBeGreaterThan(pActiveInCategory(0.9, 1, 0.5, dropout));
    // Nobody drops it and the silence is nothing unusual: as likely as being a customer at all.
    expect(pActiveInCategory(0.9, 3, 1, undefined)).toBeCloseTo(0.9);
    expect(pActiveInCategory(0.9, 3, 0, dropout)).toBe(0);
    // Lapsing explains none of the days they shopped without it: P(alive) only scales the answer.
    // c = B(1, 28) / B(1, 27) = 27/28; c·S / (1 − c + c·S) = 0.7297…; × 0.6.
    expect(pActiveInCategory(0.6, 8, 0.1, { a: 1, b: 19 })).toBeCloseTo(
      (0.6 * ((27 / 28) * 0.1)) / (1 / 28 + (27 / 28) * 0.1),
      6,
    );
    expect(pActiveInCategory(0.6, 8, 0.1, { a: 1, b: 19 })).toBeCloseTo(0.438, 3);
  });

  it('recovers the dropout of simulated customers: Beta(1, 4), a mean of 20 % after each purchase', () => {
    const rng = createPrng('category-dropout');
    const histories: DropoutHistory[] = [];
    for (let i = 0; i < 4000; i++) {
      const delta = rng.beta(1, 4);
      let gaps = 0;
      for (;;) {
        if (rng.bernoulli(delta)) break; // stopped after this purchase
        if (gaps >= 20 || rng.bernoulli(0.3)) break; // still in a gap at the end, a 30 % chance of one this long
        gaps++;
      }
      histories.push({ gaps, survival: 0.3 });
    }
    const fitted = fitCategoryDropout(histories);
    expect(fitted.a / (fitted.a + fitted.b)).toBeGreaterThan(0.16);
    expect(fitted.a / (fitted.a + fitted.b)).toBeLessThan(0.24);
  });
});
