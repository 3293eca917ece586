import { describe, expect, it } from 'vitest';
import { diffSegment, type RfmScores, segmentFor } from '@/lib/analysis/segments/rfm-segment';
import { segmentDistribution, segmentFlows, UNSCORED } from '@/lib/analysis/segments/segment-distribution';
import { SEGMENT_NAMES, type SegmentName } from '@/lib/analysis/segments/segments';

function assigned(scores: RfmScores): { segment: SegmentName; scores: RfmScores } {
  return { segment: segmentFor(scores), scores };
}

describe('diffSegment', () => {
  it('publishes nothing when scores move but the segment stays', () => {
    const before = assigned({ recency: 5, frequency: 4, monetary: 4 });
    const after = assigned({ recency: 4, frequency: 5, monetary: 5 });
    expect(before.segment).toBe('Champions');
    expect(after.segment).toBe('Champions');
    expect(diffSegment(before, after)).toBeNull();
  });

  it('reports a change with exactly the scores that moved', () => {
    const before = assigned({ recency: 5, frequency: 4, monetary: 4 });
    const after = assigned({ recency: 2, frequency: 4, monetary: 3 });
    expect(diffSegment(before, after)).toEqual({
      from: 'Champions',
      to: 'At Risk',
      scores: { recency: 2, frequency: 4, monetary: 3 },
      previousScores: { recency: 5, frequency: 4, monetary: 4 },
      moved: ['recency', 'monetary'],
    });
  });

  it('reports a customer’s first segment as coming from none, with nothing moved', () => {
    const first = assigned({ recency: 5, frequency: 1, monetary: 1 });
    expect(diffSegment(null, first)).toEqual({
      from: null,
      to: 'New',
      scores: { recency: 5, frequency: 1, monetary: 1 },
      previousScores: null,
      moved: [],
    });
  });
});

describe('segmentDistribution', () => {
  it('lists all eleven segments in canonical order, empty ones as zero, and counts the unscored apart', () => {
    const result = segmentDistribution(['Lost', 'Champions', undefined, 'Lost', 'New', undefined]);
    expect(result.segments.map((s) => s.segment)).toEqual([...SEGMENT_NAMES]);
    expect(result.scored).toBe(4);
    expect(result.unscored).toBe(2);
    const lost = result.segments.find((s) => s.segment === 'Lost');
    expect(lost).toEqual({ segment: 'Lost', customers: 2, share: 0.5 });
    expect(result.segments.find((s) => s.segment === 'Loyal')).toEqual({
      segment: 'Loyal',
      customers: 0,
      share: 0,
    });
  });

  it('has shares of scored customers that sum to 1', () => {
    const segments = Array.from({ length: 1234 }, (_, i) =>
      i % 13 === 0 ? undefined : SEGMENT_NAMES[(i * 7) % SEGMENT_NAMES.length],
    );
    const result = segmentDistribution(segments);
    const total = result.segments.reduce((sum, s) => sum + s.share, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(result.scored + result.unscored).toBe(1234);
  });

  it('shows zero shares, not NaN, before anyone is scored', () => {
    const result = segmentDistribution([undefined, undefined]);
    expect(result.unscored).toBe(2);
    expect(result.segments.every((s) => s.share === 0 && s.customers === 0)).toBe(true);
  });
});

describe('segmentFlows', () => {
  it('aggregates moves into flows, largest first, newly scored customers from Unscored', () => {
    const flows = segmentFlows([
      { from: 'Champions', to: 'At Risk' },
      { from: null, to: 'New' },
      { from: 'Champions', to: 'At Risk' },
      { from: null, to: 'New' },
      { from: null, to: 'New' },
      { from: 'Loyal', to: 'Champions' },
    ]);
    expect(flows).toEqual([
      { from: UNSCORED, to: 'New', customers: 3 },
      { from: 'Champions', to: 'At Risk', customers: 2 },
      { from: 'Loyal', to: 'Champions', customers: 1 },
    ]);
  });

  it('orders equal flows the same way every time, and drops non-moves', () => {
    const changes: { from: SegmentName | null; to: SegmentName }[] = [
      { from: 'Lost', to: 'New' },
      { from: 'Hibernating', to: 'Lost' },
      { from: 'Loyal', to: 'Loyal' },
      { from: 'Champions', to: 'Loyal' },
    ];
    const flows = segmentFlows(changes);
    expect(flows.map((f) => `${f.from}->${f.to}`)).toEqual([
      'Champions->Loyal',
      'Hibernating->Lost',
      'Lost->New',
    ]);
    expect(segmentFlows([...changes].reverse())).toEqual(flows);
  });
});
