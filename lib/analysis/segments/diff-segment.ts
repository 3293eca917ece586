import { RFM_DIMENSIONS, type RfmDimension, type RfmScores } from './score-customer';
import type { SegmentName } from './segments';

export interface SegmentAssignment {
  segment: SegmentName;
  scores: RfmScores;
}

/** The payload behind a `segment_updated` event. */
export interface SegmentChange {
  /** null: the customer had no segment before (first order, or first nightly run). */
  from: SegmentName | null;
  to: SegmentName;
  scores: RfmScores;
  previousScores: RfmScores | null;
  /** Scores that differ from before, in R, F, M order; empty when there were no previous scores to compare. */
  moved: RfmDimension[];
}

/**
 * Null when the segment is unchanged: a score can move inside a segment (F3 → F4 while staying Loyal), and publishing
 * that would flood consumers with events that change nothing they act on.
 */
export function diffSegment(
  previous: SegmentAssignment | null,
  next: SegmentAssignment,
): SegmentChange | null {
  if (previous !== null && previous.segment === next.segment) return null;
  return {
    from: previous?.segment ?? null,
    to: next.segment,
    scores: { ...next.scores },
    previousScores: previous === null ? null : { ...previous.scores },
    moved: previous === null ? [] : RFM_DIMENSIONS.filter((d) => previous.scores[d] !== next.scores[d]),
  };
}
