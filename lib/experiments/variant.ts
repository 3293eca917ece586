import { z } from 'zod';
import { insightV1 } from '../ai/prompts/insight-v1';

// A variant of an experiment: a name, the analyzer it runs, and its share of the traffic.

/** The pseudo-variant of customers held out of the experiment (served like control, recorded apart). */
export const HOLDOUT_VARIANT = 'holdout';

export const variantNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, _ or -')
  .refine((name) => name !== HOLDOUT_VARIANT, 'holdout is reserved for the holdout group');

/** Prompt versions the Bedrock analyzer knows (lib/ai/prompts); a new version is added here when it is written. */
export const PROMPT_VERSIONS = [insightV1.version] as const;

export const analyzerConfigSchema = z.discriminatedUnion(
  'provider',
  [
    // The statistical analyzer has no knobs today (one template): two statistical arms make an A/A test.
    z.strictObject({ provider: z.literal('statistical') }),
    z.strictObject({
      provider: z.literal('bedrock'),
      model: z.string().regex(/^[A-Za-z0-9_.:/-]{3,200}$/, 'must be haiku, sonnet or a Bedrock model id'),
      promptVersion: z
        .string()
        .refine((v) => (PROMPT_VERSIONS as readonly string[]).includes(v), {
          message: `must be one of ${PROMPT_VERSIONS.join(', ')}`,
        })
        .default(insightV1.version),
    }),
  ],
  { message: 'provider must be statistical or bedrock' },
);
export type AnalyzerConfig = z.infer<typeof analyzerConfigSchema>;

export const variantSchema = z.strictObject({
  name: variantNameSchema,
  description: z.string().trim().max(300).optional(),
  analyzer: analyzerConfigSchema,
  /** Share of the covered traffic, percent; the variants' weights add up to 100. */
  weight: z.number().min(0, 'must be 0–100').max(100, 'must be 0–100'),
});
export type Variant = z.infer<typeof variantSchema>;
