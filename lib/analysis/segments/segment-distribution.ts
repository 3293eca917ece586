import { SEGMENT_NAMES, type SegmentName } from './segments';

export interface SegmentShare {
  segment: SegmentName;
  customers: number;
  /** Fraction of scored customers, 0..1; 0 for every segment when nobody is scored yet. */
  share: number;
}

export interface SegmentDistribution {
  /** All eleven segments in canonical order, empty ones included, so charts keep a stable axis. */
  segments: SegmentShare[];
  scored: number;
  /** Customers without a segment (never ordered); shown beside the chart, not as a share of it. */
  unscored: number;
}

export function segmentDistribution(segments: readonly (SegmentName | undefined)[]): SegmentDistribution {
  const counts = new Map<SegmentName, number>();
  let unscored = 0;
  for (const segment of segments) {
    if (segment === undefined) unscored += 1;
    else counts.set(segment, (counts.get(segment) ?? 0) + 1);
  }
  const scored = segments.length - unscored;
  return {
    segments: SEGMENT_NAMES.map((segment) => {
      const customers = counts.get(segment) ?? 0;
      return { segment, customers, share: scored === 0 ? 0 : customers / scored };
    }),
    scored,
    unscored,
  };
}

/** Label for customers who had no segment before a change (the left side of a flow chart). */
export const UNSCORED = 'Unscored';

export interface SegmentFlow {
  from: SegmentName | typeof UNSCORED;
  to: SegmentName;
  customers: number;
}

/**
 * Aggregates segment changes into flows for the Overview chart, largest first. Equal counts are ordered by the
 * canonical segment order (Unscored first), so the chart does not reshuffle between identical refreshes.
 * A "change" from a segment to itself is not a flow and is skipped.
 */
export function segmentFlows(
  changes: readonly { from: SegmentName | null; to: SegmentName }[],
): SegmentFlow[] {
  const byPair = new Map<string, SegmentFlow>();
  for (const { from, to } of changes) {
    if (from === to) continue;
    const label = from ?? UNSCORED;
    const key = `${label}\u0000${to}`;
    const flow = byPair.get(key);
    if (flow) flow.customers += 1;
    else byPair.set(key, { from: label, to, customers: 1 });
  }
  return [...byPair.values()].sort(
    (a, b) => b.customers - a.customers || order(a.from) - order(b.from) || order(a.to) - order(b.to),
  );
}

function order(label: SegmentName | typeof UNSCORED): number {
  return label === UNSCORED ? -1 : SEGMENT_NAMES.indexOf(label);
}
