import { RFM_DIMENSIONS, type RfmDimension } from '../../events/segments';
import { assertFinite, isScorable, type EdgeTuple, type RfmEdges, type RfmInput } from './rfm-edges';
import { recencyDays } from './recency-days';
import type { SegmentName } from './segments';

/*
 * The RFM rules, pure: a customer's scores against the stored edges (scoreCustomer), the grid from scores to a
 * segment (segmentFor), and what changed when a segment moved (diffSegment), the payload of `segment_updated`.
 */
/** 1 = bottom quintile, 5 = top quintile (for recency: 5 = ordered most recently). */
export type RfmScore = 1 | 2 | 3 | 4 | 5;

export interface RfmScores {
  recency: RfmScore;
  frequency: RfmScore;
  monetary: RfmScore;
}

export { RFM_DIMENSIONS, type RfmDimension };

const SCORES: readonly RfmScore[] = [1, 2, 3, 4, 5];

/**
 * Scores one customer against stored edges, so a purchase event can be rescored in real time without ranking
 * everyone again: the result is where the customer would rank among the population the edges came from.
 * Recency is measured at `asOf` (now), not at `edges.asOf`: someone silent since the nightly run keeps ageing.
 * Returns null when there is nothing to rank: the customer has never ordered, or the edges came from no customers.
 */
export function scoreCustomer(input: RfmInput, edges: RfmEdges, asOf: Date): RfmScores | null {
  if (!isScorable(input) || edges.customers === 0) return null;
  assertFinite(input.orderCount, 'orderCount', input.customerId);
  assertFinite(input.totalSpentMinor, 'totalSpentMinor', input.customerId);
  const days = recencyDays(input.lastOrderAt, asOf);
  return {
    recency: toScore(countEdges(edges.recencyDays, (edge) => days < edge)),
    frequency: toScore(countEdges(edges.frequency, (edge) => input.orderCount > edge)),
    monetary: toScore(countEdges(edges.monetaryMinor, (edge) => input.totalSpentMinor > edge)),
  };
}

function countEdges(edges: EdgeTuple, passes: (edge: number) => boolean): number {
  return edges.filter(passes).length;
}

function toScore(edgesPassed: number): RfmScore {
  const score = SCORES[edgesPassed];
  if (score === undefined) throw new RangeError(`passed ${edgesPassed} edges; expected 0..4`);
  return score;
}

type Row = readonly [SegmentName, SegmentName, SegmentName, SegmentName, SegmentName];

/**
 * Recency (rows, R5 first) × combined frequency–monetary score (columns FM1..FM5). Written as the table the README
 * shows so the two can be compared by eye. It reads as a life cycle: a high-value customer decays Champions → Loyal
 * → At Risk → Can't Lose as they go quiet; a middling one Potential Loyalist → Need Attention → At Risk; a low-value
 * one New/Promising → About to Sleep → Hibernating → Lost.
 */
const GRID: readonly [Row, Row, Row, Row, Row] = [
  /* R5 */ ['New', 'Potential Loyalist', 'Potential Loyalist', 'Champions', 'Champions'],
  /* R4 */ ['Promising', 'Potential Loyalist', 'Potential Loyalist', 'Champions', 'Champions'],
  /* R3 */ ['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal', 'Loyal'],
  /* R2 */ ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', 'At Risk'],
  /* R1 */ ['Lost', 'Lost', 'At Risk', 'At Risk', "Can't Lose"],
];

/** FM = round((F + M) / 2), halves rounding up: F1 M2 counts as FM 2, F4 M5 as FM 5. */
export function frequencyMonetary(scores: RfmScores): RfmScore {
  return checked(Math.round((scores.frequency + scores.monetary) / 2));
}

export function segmentFor(scores: RfmScores): SegmentName {
  const r = checked(scores.recency);
  checked(scores.frequency);
  checked(scores.monetary);
  const segment = GRID[5 - r]?.[frequencyMonetary(scores) - 1];
  if (segment === undefined) throw new RangeError(`no segment for R${r} FM${frequencyMonetary(scores)}`);
  return segment;
}

function checked(value: number): RfmScore {
  // Scores arrive from stored JSON too; a 0 or 2.5 must fail loudly rather than land in a neighbouring cell.
  if (value === 1 || value === 2 || value === 3 || value === 4 || value === 5) return value;
  throw new RangeError(`RFM score must be an integer 1..5, got ${value}`);
}

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
