import { z } from 'zod';
import { analyzerConfigSchema } from '../analysis/analyzers/analyzer-config';

export { PROMPT_VERSIONS, type AnalyzerConfig } from '../analysis/analyzers/analyzer-config';

// A variant of an experiment: a name, the analyzer it runs (lib/analysis/analyzers/analyzer-config.ts), and its share of the traffic.

/** The pseudo-variant of customers held out of the experiment (served like control, recorded apart). */
export const HOLDOUT_VARIANT = 'holdout';

const variantNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, _ or -')
  .refine((name) => name !== HOLDOUT_VARIANT, 'holdout is reserved for the holdout group');

export const variantSchema = z.strictObject({
  name: variantNameSchema,
  description: z.string().trim().max(300).optional(),
  analyzer: analyzerConfigSchema,
  /** Share of the covered traffic, percent; the variants' weights add up to 100. */
  weight: z.number().min(0, 'must be 0–100').max(100, 'must be 0–100'),
});
export type Variant = z.infer<typeof variantSchema>;
