import { describe, expect, it } from 'vitest';
import { outcomeFromHistory } from '@/lib/experiments/shadow/history-outcome';

// First order on day 20,000 (2024-10-04); dairy bought on days +0, +10 and +30.
const digest = {
  start: 20_000,
  days: [0, 10, 30],
  spend: [1000, 1200, 900],
  categories: { cat_dairy: [0, 1, 2] },
};
const day = (n: number) => new Date((20_000 + n) * 86_400_000).toISOString();

describe('a prediction’s outcome from the order history', () => {
  const window = (from: number, to: number) => ({
    category: 'cat_dairy',
    opensAt: day(from),
    closesAt: day(to),
  });

  it('is right when the next purchase of the category falls in the window, wrong otherwise', () => {
    expect(outcomeFromHistory(digest, 20_012, window(25, 35), new Date(day(60)), 'UTC')).toMatchObject({
      values: { accuracy: 1 },
    });
    expect(outcomeFromHistory(digest, 20_012, window(15, 25), new Date(day(60)), 'UTC')).toMatchObject({
      values: { accuracy: 0 },
    });
    expect(outcomeFromHistory(digest, 20_012, window(31, 40), new Date(day(60)), 'UTC')).toMatchObject({
      values: { accuracy: 0 },
    }); // too early
  });

  it('stays pending while the window is open with no purchase yet, and is wrong once it closed', () => {
    expect(outcomeFromHistory(digest, 20_031, window(35, 45), new Date(day(40)), 'UTC')).toBe('pending');
    expect(outcomeFromHistory(digest, 20_031, window(35, 45), new Date(day(50)), 'UTC')).toEqual({
      values: { accuracy: 0 },
      at: new Date(day(45)),
    });
    // A purchase after `now` is not known yet.
    expect(outcomeFromHistory(digest, 20_012, window(25, 35), new Date(day(28)), 'UTC')).toBe('pending');
  });

  it('counts a digest day’s purchase at midday on the store’s clock', () => {
    // Day +30 is 3 Nov 2024: midday in New York is 17:00 UTC (winter time since 02:00 that day).
    const closingAt16Utc = { category: 'cat_dairy', opensAt: day(25), closesAt: '2024-11-03T16:00:00.000Z' };
    expect(outcomeFromHistory(digest, 20_012, closingAt16Utc, new Date(day(60)), 'UTC')).toMatchObject({
      values: { accuracy: 1 },
    });
    expect(
      outcomeFromHistory(digest, 20_012, closingAt16Utc, new Date(day(60)), 'America/New_York'),
    ).toMatchObject({
      values: { accuracy: 0 },
    });
  });

  describe('scored as the backtest scores a window (interval score in days, α = 1 − coverage)', () => {
    // Made on day +12 for the store day 2024-10-16; dairy is next bought on day +30, i.e. y = 18 days later.
    const scored = (low: number, high: number, horizonDays = 90) => ({
      ...window(12 + low, 12 + high + 1),
      asOf: '2024-10-16',
      lowDays: low,
      highDays: high,
      coverage: 0.8,
      horizonDays,
      resolvesBy: day(12 + horizonDays + 1),
    });

    it('a purchase inside the window scores its width: [13, 23] days, bought after 18 → 10', () => {
      expect(outcomeFromHistory(digest, 20_012, scored(13, 23), new Date(day(200)), 'UTC')).toEqual({
        values: { accuracy: 1, bought_within_horizon: 1, interval_score: 10, window_days: 10 },
        at: new Date(day(30).replace('T00:00:00.000Z', 'T12:00:00.000Z')),
      });
    });

    it('a miss costs 2/α per day beyond the window: [2, 10], bought after 18 → 8 + 10 × 8 = 88', () => {
      expect(outcomeFromHistory(digest, 20_012, scored(2, 10), new Date(day(200)), 'UTC')).toMatchObject({
        values: { accuracy: 0, bought_within_horizon: 1, interval_score: 88, window_days: 8 },
      });
      // Too early the same way: [25, 30] → 5 + 10 × 7 = 75.
      expect(outcomeFromHistory(digest, 20_012, scored(25, 30), new Date(day(200)), 'UTC')).toMatchObject({
        values: { accuracy: 0, bought_within_horizon: 1, interval_score: 75, window_days: 5 },
      });
    });

    it('not bought within the horizon: a 0 for bought_within_horizon and no interval score, once it has passed', () => {
      expect(outcomeFromHistory(digest, 20_012, scored(2, 8, 10), new Date(day(200)), 'UTC')).toEqual({
        values: { accuracy: 0, bought_within_horizon: 0 },
        at: new Date(day(23)),
      });
      // Nothing bought after day +31: pending until the 90 days are over, then scored as not bought.
      expect(outcomeFromHistory(digest, 20_031, scored(5, 15), new Date(day(60)), 'UTC')).toBe('pending');
      expect(outcomeFromHistory(digest, 20_031, scored(5, 15), new Date(day(200)), 'UTC')).toMatchObject({
        values: { accuracy: 0, bought_within_horizon: 0 },
      });
    });
  });
});
