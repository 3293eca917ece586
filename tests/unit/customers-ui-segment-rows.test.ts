import { describe, expect, it } from 'vitest';
import { daysAgoLabel, daysSince } from '@/components/customers/customer-format';
import {
  formatShare,
  segmentSlug,
  toSegmentDistributionRows,
  toSegmentFlowRows,
  toSegmentHistoryRows,
  unscoredLabel,
} from '@/components/customers/segment-rows';
import { segmentDistribution } from '@/lib/analysis/segments/segment-distribution';
import { SEGMENT_NAMES } from '@/lib/analysis/segments/segments';

describe('toSegmentDistributionRows', () => {
  it('shows all eleven segments in the canonical order, empty ones included, with count and share', () => {
    const distribution = segmentDistribution(['Lost', 'Lost', 'Champions', undefined]);
    const rows = toSegmentDistributionRows({
      ...distribution,
      segments: [...distribution.segments].reverse(),
    });
    expect(rows.map((r) => r.segment)).toEqual([...SEGMENT_NAMES]);
    expect(rows[0]).toMatchObject({ segment: 'Champions', customers: 1, label: '1 customer (33%)' });
    expect(rows.at(-1)).toMatchObject({ segment: 'Lost', customers: 2, label: '2 customers (67%)' });
    expect(rows.find((r) => r.segment === 'New')?.label).toBe('0 customers (0%)');
  });
});

describe('formatShare', () => {
  it('keeps small shares visible and rounds large ones', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.004)).toBe('0.4%');
    expect(formatShare(0.0951)).toBe('9.5%');
    expect(formatShare(0.1449)).toBe('14%');
    expect(formatShare(1)).toBe('100%');
  });
});

describe('toSegmentFlowRows', () => {
  it('keeps the ten largest flows, labelled with their unit, bars relative to the largest', () => {
    const flows = Array.from({ length: 12 }, (_, i) => ({
      from: 'At Risk' as const,
      to: SEGMENT_NAMES[i % 11]!,
      customers: 12 - i,
    }));
    const rows = toSegmentFlowRows(flows);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ label: 'At Risk → Champions: 12 customers', widthPct: 100 });
    expect(rows[9]).toMatchObject({ customers: 3, widthPct: 25 });
  });

  it('says "customer" for one and is empty without changes', () => {
    expect(toSegmentFlowRows([{ from: 'Unscored', to: 'New', customers: 1 }])[0]?.label).toBe(
      'Unscored → New: 1 customer',
    );
    expect(toSegmentFlowRows([])).toEqual([]);
  });
});

describe('toSegmentHistoryRows', () => {
  it('lists changes newest first without changing the stored history', () => {
    const history = [
      { at: '2026-01-01T02:00:00.000Z', from: null, to: 'New' },
      { at: '2026-03-01T02:00:00.000Z', from: 'Promising', to: 'At Risk' },
      { at: '2026-02-01T02:00:00.000Z', from: 'New', to: 'Promising' },
    ];
    const rows = toSegmentHistoryRows(history, 'UTC');
    expect(rows.map((r) => `${r.date} ${r.from ?? '-'}→${r.to}`)).toEqual([
      '2026-03-01 Promising→At Risk',
      '2026-02-01 New→Promising',
      '2026-01-01 -→New',
    ]);
    expect(history[0]?.to).toBe('New');
    expect(toSegmentHistoryRows(undefined, 'UTC')).toEqual([]);
  });

  it('dates a change by the store’s day', () => {
    // 02:00 UTC on 1 March is still 28 February in New York.
    const [row] = toSegmentHistoryRows(
      [{ at: '2026-03-01T02:00:00.000Z', from: null, to: 'New' }],
      'America/New_York',
    );
    expect(row?.date).toBe('2026-02-28');
  });
});

describe('segmentSlug', () => {
  it('gives each segment a distinct CSS-safe name', () => {
    expect(segmentSlug("Can't Lose")).toBe('cant-lose');
    expect(segmentSlug('Potential Loyalist')).toBe('potential-loyalist');
    expect(new Set(SEGMENT_NAMES.map(segmentSlug)).size).toBe(11);
    for (const s of SEGMENT_NAMES) expect(segmentSlug(s)).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('days since the last order', () => {
  const now = new Date('2026-03-15T12:00:00.000Z');
  it('counts whole days and never goes negative', () => {
    expect(daysSince('2026-03-15T01:00:00.000Z', now)).toBe(0);
    expect(daysSince('2026-03-14T11:59:00.000Z', now)).toBe(1);
    expect(daysSince('2026-03-16T00:00:00.000Z', now)).toBe(0);
    expect(daysSince('not a date', now)).toBeUndefined();
  });
  it('says its unit', () => {
    expect([0, 1, 42].map(daysAgoLabel)).toEqual(['today', '1 day ago', '42 days ago']);
  });
});

describe('who is not scored, and why', () => {
  it('tells customers without orders from those who do not allow personalization', () => {
    expect(
      unscoredLabel({ distribution: { unscored: 2239 }, unscoredWithOrders: 2239, edgesAsOf: '2026-12-07' }),
    ).toBe('not scored: 2,239 customers who do not allow personalization');
    expect(
      unscoredLabel({ distribution: { unscored: 12 }, unscoredWithOrders: 2, edgesAsOf: '2026-12-07' }),
    ).toBe('not scored: 10 customers without orders, 2 customers who do not allow personalization');
    expect(unscoredLabel({ distribution: { unscored: 5 }, unscoredWithOrders: 5, edgesAsOf: null })).toBe(
      'not scored: 5 customers waiting for the first nightly run',
    );
    expect(unscoredLabel({ distribution: { unscored: 0 }, unscoredWithOrders: 0, edgesAsOf: null })).toBe(
      'everyone scored',
    );
  });
});
