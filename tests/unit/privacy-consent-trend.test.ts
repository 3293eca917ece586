import { describe, expect, it } from 'vitest';
import type { ConsentState } from '@/lib/privacy/consent/consent-entry';
import { consentTrend } from '@/lib/privacy/consent/consent-trend';

const state = (over: Partial<ConsentState>): ConsentState => ({
  essential: true,
  analytics: false,
  personalization: false,
  ai_processing: false,
  marketing: false,
  ...over,
});

describe('consent trend', () => {
  const now = new Date('2026-11-25T12:00:00.000Z'); // a Wednesday
  const ledgers = [
    [
      { at: '2026-11-03T09:00:00.000Z', state: state({ analytics: true, marketing: true }) },
      { at: '2026-11-18T09:00:00.000Z', state: state({ analytics: true }) }, // withdraws marketing
    ],
    [{ at: '2026-11-10T09:00:00.000Z', state: state({ analytics: true, personalization: true }) }],
  ];

  it('counts, week by week, the customers who had chosen by then and the share allowing each purpose', () => {
    const points = consentTrend(ledgers, 4, 'UTC', now);
    expect(points.map((p) => p.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(points.map((p) => p.customers)).toEqual([1, 2, 2, 2]);
    expect(points[0]?.share).toMatchObject({ analytics: 1, marketing: 1, personalization: 0 });
    expect(points[1]?.share).toMatchObject({ analytics: 1, marketing: 0.5, personalization: 0.5 });
    expect(points[2]?.share).toMatchObject({ marketing: 0 }); // the withdrawal of the 18th counts from that week
  });

  it('gives zero shares for weeks before anyone chose', () => {
    const [first] = consentTrend(ledgers, 6, 'UTC', now);
    expect(first).toEqual({
      week: '2026-10-19',
      customers: 0,
      share: { analytics: 0, personalization: 0, ai_processing: 0, marketing: 0 },
    });
  });

  it('counts the store’s weeks: a choice late on Sunday in New York belongs to that week', () => {
    // 22:00 on Sunday 15 November in New York is Monday 03:00 UTC.
    const late = [[{ at: '2026-11-16T03:00:00.000Z', state: state({ marketing: true }) }]];
    const ny = consentTrend(late, 3, 'America/New_York', now);
    expect(ny.map((p) => [p.week, p.customers])).toEqual([
      ['2026-11-09', 1],
      ['2026-11-16', 1],
      ['2026-11-23', 1],
    ]);
    expect(consentTrend(late, 3, 'UTC', now).map((p) => p.customers)).toEqual([0, 1, 1]);
  });
});
