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
    const points = consentTrend(ledgers, 4, now);
    expect(points.map((p) => p.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(points.map((p) => p.customers)).toEqual([1, 2, 2, 2]);
    expect(points[0]?.share).toMatchObject({ analytics: 1, marketing: 1, personalization: 0 });
    expect(points[1]?.share).toMatchObject({ analytics: 1, marketing: 0.5, personalization: 0.5 });
    expect(points[2]?.share).toMatchObject({ marketing: 0 }); // the withdrawal of the 18th counts from that week
  });

  it('gives zero shares for weeks before anyone chose', () => {
    const [first] = consentTrend(ledgers, 6, now);
    expect(first).toEqual({
      week: '2026-10-19',
      customers: 0,
      share: { analytics: 0, personalization: 0, ai_processing: 0, marketing: 0 },
    });
  });
});
