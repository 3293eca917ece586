import { describe, expect, it } from 'vitest';
import { countVisit, visitRhythm, VISIT_DAYS } from '@/lib/live/visit-history';

describe('visit history', () => {
  it('counts visits per day and forgets days beyond the history', () => {
    let h = countVisit(undefined, '2026-10-01T10:00:00Z', 'UTC');
    h = countVisit(h, '2026-10-01T18:00:00Z', 'UTC');
    expect(h).toEqual({ '2026-10-01': 2 });
    const later = new Date(Date.parse('2026-10-01T00:00:00Z') + VISIT_DAYS * 86_400_000).toISOString();
    expect(countVisit(h, later, 'UTC')).toEqual({ [later.slice(0, 10)]: 1 });
  });

  it('compares the last 7 days with the 4 weeks before, once the history is 5 weeks long', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const h = { '2026-11-20': 1, '2026-11-10': 3, '2026-11-03': 2, '2026-10-25': 3 };
    expect(visitRhythm(h, now, '2026-10-01T00:00:00Z', 'UTC')).toEqual({ last7Days: 1, usualPerWeek: 2 });
    expect(visitRhythm(h, now, '2026-11-01T00:00:00Z', 'UTC')).toBeNull(); // too new to know what usual is
  });

  it('counts a visit on the store’s day and measures weeks back from the store’s today', () => {
    // 21:30 on Saturday 31 October in New York is already 1 November in UTC.
    const ny = 'America/New_York';
    expect(countVisit(undefined, '2026-11-01T01:30:00Z', ny)).toEqual({ '2026-10-31': 1 });
    expect(countVisit(undefined, '2026-11-01T01:30:00Z', 'UTC')).toEqual({ '2026-11-01': 1 });
    // 20:00 on the 23rd in New York: the 16th is 7 days back, inside the last week; in UTC (already the 24th) it
    // would be 8, and the week would look empty.
    const now = new Date('2026-11-24T01:00:00Z');
    const h = { '2026-11-16': 1, '2026-11-10': 2 };
    expect(visitRhythm(h, now, '2026-10-01T00:00:00Z', ny)).toEqual({ last7Days: 1, usualPerWeek: 0.5 });
    expect(visitRhythm(h, now, '2026-10-01T00:00:00Z', 'UTC')).toEqual({ last7Days: 0, usualPerWeek: 0.75 });
  });
});
