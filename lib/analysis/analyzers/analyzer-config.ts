import { z } from 'zod';
import { insightV1 } from './prompts/insight-v1';
import { insightV2 } from './prompts/insight-v2';

/**
 * What an analyzer is, as data: the statistical templates (with the coverage of the next-purchase windows its
 * insights carry) or Claude on Bedrock (a model and a prompt version). Experiments store one per variant, and the
 * product's default analyzer is one (set by promoting an experiment's winner). `analyzerFor()` in get-analyzer.ts
 * turns a config into the Analyzer that runs it.
 */

/**
 * Prompt versions the Bedrock analyzer knows (prompts/), the current one first; a new version is added here when it
 * is written. insight-v1 speaks of euros only: it stays for configs (experiments, the promoted default) made with it.
 */
export const PROMPT_VERSIONS = [insightV2.version, insightV1.version] as const;

/** The coverage of predicted next-purchase windows when a config does not choose one (lib/analysis). */
export const DEFAULT_NEXT_PURCHASE_COVERAGE = 0.8;

/**
 * The models a statistical analyzer's next-purchase windows come from (lib/analysis/customer-numbers.ts):
 * `category` — the category timing model (the silence so far, P(alive), the category's dropout, given a purchase
 * within the horizon), the product's; `gap` — the model before it, the log-normal gap from the last purchase alone
 * (a window in the past when overdue). Experiments compare them.
 */
export const TIMING_MODELS = ['category', 'gap'] as const;
export type TimingModel = (typeof TIMING_MODELS)[number];
export const DEFAULT_TIMING_MODEL: TimingModel = 'category';

export const analyzerConfigSchema = z.discriminatedUnion(
  'provider',
  [
    z.strictObject({
      provider: z.literal('statistical'),
      /**
       * The central coverage of the predicted next-purchase windows (0.8: the customer buys within the window 8 times
       * in 10 if the model is right). Wider windows are right more often and say less; an experiment can compare
       * two. Absent: 0.8.
       */
      nextPurchaseCoverage: z.number().min(0.5, 'must be 0.5–0.99').max(0.99, 'must be 0.5–0.99').optional(),
      /** The timing model of the next-purchase windows (TIMING_MODELS). Absent: `category`. */
      timing: z.enum(TIMING_MODELS, { message: 'must be category or gap' }).optional(),
    }),
    z.strictObject({
      provider: z.literal('bedrock'),
      model: z.string().regex(/^[A-Za-z0-9_.:/-]{3,200}$/, 'must be haiku, sonnet or a Bedrock model id'),
      promptVersion: z
        .string()
        .refine((v) => (PROMPT_VERSIONS as readonly string[]).includes(v), {
          message: `must be one of ${PROMPT_VERSIONS.join(', ')}`,
        })
        .default(insightV2.version),
    }),
  ],
  { message: 'provider must be statistical or bedrock' },
);
export type AnalyzerConfig = z.infer<typeof analyzerConfigSchema>;

/** "statistical (90 % windows)", "statistical (80 % windows, gap timing)", "bedrock haiku, insight-v1": for logs and audit details. */
export function describeAnalyzerConfig(config: AnalyzerConfig): string {
  if (config.provider === 'bedrock') return `bedrock ${config.model}, ${config.promptVersion}`;
  const coverage = config.nextPurchaseCoverage ?? DEFAULT_NEXT_PURCHASE_COVERAGE;
  const timing = config.timing && config.timing !== DEFAULT_TIMING_MODEL ? `, ${config.timing} timing` : '';
  return `statistical (${Math.round(coverage * 100)} % windows${timing})`;
}
