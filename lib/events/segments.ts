import { z } from 'zod';

/**
 * The RFM segments, in the order a marketer reads them (best customers first). Segmentation, the dashboard and
 * `segment_updated` all use this one list.
 */
export const SEGMENTS = [
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
export type Segment = (typeof SEGMENTS)[number];
export const segmentSchema = z.enum(SEGMENTS);

export function isSegment(value: unknown): value is Segment {
  return typeof value === 'string' && (SEGMENTS as readonly string[]).includes(value);
}

/** The three RFM dimensions, each scored 1 (worst) to 5 (best). */
export const RFM_DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;
export type RfmDimension = (typeof RFM_DIMENSIONS)[number];

const scoreSchema = z.number().int('must be a whole score').min(1, 'must be 1–5').max(5, 'must be 1–5');
export const rfmScoresSchema = z.strictObject({
  recency: scoreSchema,
  frequency: scoreSchema,
  monetary: scoreSchema,
});
export type RfmScores = z.infer<typeof rfmScoresSchema>;
