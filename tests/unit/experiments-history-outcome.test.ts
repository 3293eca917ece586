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
      value: 1,
    });
    expect(outcomeFromHistory(digest, 20_012, window(15, 25), new Date(day(60)), 'UTC')).toMatchObject({
      value: 0,
    });
    expect(outcomeFromHistory(digest, 20_012, window(31, 40), new Date(day(60)), 'UTC')).toMatchObject({
      value: 0,
    }); // too early
  });

  it('stays pending while the window is open with no purchase yet, and is wrong once it closed', () => {
    expect(outcomeFromHistory(digest, 20_031, window(35, 45), new Date(day(40)), 'UTC')).toBe('pending');
    expect(outcomeFromHistory(digest, 20_031, window(35, 45), new Date(day(50)), 'UTC')).toEqual({
      value: 0,
      at: new Date(day(45)),
    });
    // A purchase after `now` is not known yet.
    expect(outcomeFromHistory(digest, 20_012, window(25, 35), new Date(day(28)), 'UTC')).toBe('pending');
  });

  it('counts a digest day’s purchase at midday on the store’s clock', () => {
    // Day +30 is 3 Nov 2024: midday in New York is 17:00 UTC (winter time since 02:00 that day).
    const closingAt16Utc = { category: 'cat_dairy', opensAt: day(25), closesAt: '2024-11-03T16:00:00.000Z' };
    expect(outcomeFromHistory(digest, 20_012, closingAt16Utc, new Date(day(60)), 'UTC')).toMatchObject({
      value: 1,
    });
    expect(
      outcomeFromHistory(digest, 20_012, closingAt16Utc, new Date(day(60)), 'America/New_York'),
    ).toMatchObject({
      value: 0,
    });
  });
});
