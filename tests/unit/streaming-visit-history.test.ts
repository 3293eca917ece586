import { describe, expect, it } from 'vitest';
import { countVisit, visitRhythm, VISIT_DAYS } from '@/lib/live/visit-history';

describe('visit history', () => {
  it('counts visits per day and forgets days beyond the history', () => {
    let h = countVisit(undefined, '2026-10-01T10:00:00Z');
    h = countVisit(h, '2026-10-01T18:00:00Z');
    expect(h).toEqual({ '2026-10-01': 2 });
    const later = new Date(Date.parse('2026-10-01T00:00:00Z') + VISIT_DAYS * 86_400_000).toISOString();
    expect(countVisit(h, later)).toEqual({ [later.slice(0, 10)]: 1 });
  });

  it('compares the last 7 days with the 4 weeks before, once the history is 5 weeks long', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const h = { '2026-11-20': 1, '2026-11-10': 3, '2026-11-03': 2, '2026-10-25': 3 };
    expect(visitRhythm(h, now, '2026-10-01T00:00:00Z')).toEqual({ last7Days: 1, usualPerWeek: 2 });
    expect(visitRhythm(h, now, '2026-11-01T00:00:00Z')).toBeNull(); // too new to know what usual is
  });
});
