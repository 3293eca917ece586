/**
 * The eleven RFM segments, in the order every list, chart and table shows them: from the best customers to the
 * ones already gone. `lib/events/segments.ts` carries the same strings for the `segment_updated` event; the two
 * lists must stay identical (this module does not import it so that pure scoring has no dependency on events).
 */
export const SEGMENT_NAMES = [
  'Champions',
  'Loyal',
  'Potential Loyalist',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose",
  'Hibernating',
  'Lost',
] as const;

export type SegmentName = (typeof SEGMENT_NAMES)[number];

export function isSegmentName(value: string): value is SegmentName {
  return (SEGMENT_NAMES as readonly string[]).includes(value);
}
