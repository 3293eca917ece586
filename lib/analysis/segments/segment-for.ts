import type { RfmScore, RfmScores } from './score-customer';
import type { SegmentName } from './segments';

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
