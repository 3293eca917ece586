import { z } from 'zod';
import { whenFieldsValid } from '../fields';
import { RFM_DIMENSIONS, rfmScoresSchema, segmentSchema } from '../segments';

export const SEGMENT_UPDATED_VERSION = 1;
export const segmentUpdatedProperties = z
  .strictObject({
    from: segmentSchema.nullable().describe('previous segment; null on the first scoring'),
    to: segmentSchema,
    scores: rfmScoresSchema.describe('RFM scores now, each 1 (worst) to 5 (best)'),
    previousScores: rfmScoresSchema
      .nullable()
      .optional()
      .describe('RFM scores before; null on the first scoring'),
    moved: z.array(z.enum(RFM_DIMENSIONS)).describe('dimensions whose score changed'),
  })
  .refine((p) => new Set(p.moved).size === p.moved.length, {
    message: 'moved must not repeat a dimension',
    path: ['moved'],
    when: whenFieldsValid,
  })
  // Consumers alert on `moved` without re-reading scores, so it must agree with them when both are known.
  .refine(
    (p) =>
      !p.previousScores ||
      RFM_DIMENSIONS.every((d) => p.moved.includes(d) === (p.scores[d] !== p.previousScores?.[d])),
    {
      message: 'moved must list exactly the dimensions where scores differ from previousScores',
      path: ['moved'],
      when: whenFieldsValid,
    },
  );
