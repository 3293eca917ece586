import { z } from 'zod';
import type { TokenUsage } from '../../ai/token-usage';
import type { TimingModel } from './analyzer-config';

export type { TokenUsage };

/**
 * The one interface every analyzer implements: given a customer's pseudonymized features and the statistical
 * models' numbers, write the plain-language summary and the recommended actions. Analyzers never compute the
 * numbers (lib/analysis does, with the models); they explain them. An analyzer that calls a language model is only
 * handed what is in `AnalyzerInput` — no customer id, name, e-mail or address.
 */

/**
 * Insights stored before amounts named their currency held euros under `…Eur` keys (`averageOrderEur`,
 * `clv.meanEur`…): read them as amounts in EUR, which is what they were.
 */
function fromEuroKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || 'currency' in value) return value;
  const { averageOrderEur, clv, ...rest } = value as Record<string, unknown>;
  const { meanEur, lowEur, highEur, ...clvRest } = (clv ?? {}) as Record<string, unknown>;
  return {
    ...rest,
    currency: 'EUR',
    averageOrder: averageOrderEur,
    clv: { ...clvRest, mean: meanEur, low: lowEur, high: highEur },
  };
}

/**
 * The models' numbers for one customer, rounded as they are shown: money in major units of `currency` (the store's,
 * to its own minor unit: euros to the cent, whole yen), times in days.
 */
export const insightNumbersSchema = z.preprocess(
  fromEuroKeys,
  z.object({
    /** The store's day the numbers are computed for (YYYY-MM-DD, in STORE_TIMEZONE). */
    asOf: z.string(),
    /** ISO 4217: the currency of `averageOrder` and `clv`. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** P(the customer is still active), 0–1 (BG/NBD). */
    pAlive: z.number().min(0).max(1),
    /** Expected orders in the next 30 and 90 days (BG/NBD). */
    expectedOrders30d: z.number().nonnegative(),
    expectedOrders90d: z.number().nonnegative(),
    /** P(no order within 1.5 × their usual gap), 0–1, and its level. */
    churnProbability: z.number().min(0).max(1),
    churnLevel: z.enum(['low', 'medium', 'high']),
    /** Expected average order value in `currency` (Gamma-Gamma). */
    averageOrder: z.number().nonnegative(),
    /** Discounted customer lifetime value over the horizon in `currency`, with an interval of the given coverage (0–1). */
    clv: z.object({
      horizonWeeks: z.number().positive(),
      mean: z.number().nonnegative(),
      low: z.number().nonnegative(),
      high: z.number().nonnegative(),
      coverage: z.number().min(0).max(1),
    }),
    /**
     * Next purchase per regularly bought category, soonest first. Days count from `asOf`. Insights from before the
     * category timing model (no `pActive`) have the gap's window from the last purchase, negative when overdue.
     */
    nextPurchases: z.array(
      z.object({
        category: z.string(),
        /** Most likely days until the next purchase, given one within `horizonDays` (older insights: may be < 0). */
        dueInDays: z.number(),
        lowDays: z.number(),
        highDays: z.number(),
        coverage: z.number().min(0).max(1),
        daysSinceLast: z.number().nonnegative(),
        /** Past their usual gap for it (still likely buying: due now). */
        overdue: z.boolean(),
        /** P(they still buy the category): alive and not stopped buying it (models/category-timing.ts). */
        pActive: z.number().min(0).max(1).optional(),
        /** P(they buy it within the horizon), and the horizon the window is given for. */
        pWithinHorizon: z.number().min(0).max(1).optional(),
        horizonDays: z.number().positive().optional(),
        /** Probably stopped buying it (pActive below STOPPED_BELOW): no window is worth acting on. */
        stopped: z.boolean().optional(),
      }),
    ),
  }),
);
export type InsightNumbers = z.output<typeof insightNumbersSchema>;

/** Behavioural features under the customer's pseudonym: what may leave the system for a language model. */
export const analyzerFeaturesSchema = z.object({
  /** The pseudonym (psn_…), never the customer id. */
  customer: z.string().regex(/^psn_[0-9a-f]{8,64}$/),
  orders: z.number().int().nonnegative(),
  weeksSinceFirstOrder: z.number().nonnegative(),
  weeksSinceLastOrder: z.number().nonnegative(),
  /** Average of the customer's own orders, in the store's currency (the numbers' `currency`). */
  ownAverageOrder: z.number().nonnegative(),
  categories: z.array(
    z.object({
      category: z.string(),
      purchases: z.number().int().nonnegative(),
      typicalGapDays: z.number().nullable(),
    }),
  ),
  segment: z.string().optional(),
});
export type AnalyzerFeatures = z.infer<typeof analyzerFeaturesSchema>;

export interface AnalyzerInput {
  features: AnalyzerFeatures;
  numbers: InsightNumbers;
  /** Whether actions may contact the customer (the `marketing` purpose); otherwise only on-site actions. */
  mayContact: boolean;
}

export const ACTION_KINDS = ['reminder', 'win_back', 'retain', 'upsell', 'on_site', 'none'] as const;

/** What an analyzer writes: validated the same way whoever wrote it. */
export const narrativeSchema = z.object({
  summary: z.string().min(1).max(1200),
  actions: z
    .array(z.object({ kind: z.enum(ACTION_KINDS), text: z.string().min(1).max(300) }))
    .min(1)
    .max(5),
});
export type Narrative = z.infer<typeof narrativeSchema>;

export interface AnalyzerResult extends Narrative {
  /** Who wrote the words in the end (`statistical` also when a language model failed and it stood in). */
  analyzer: 'statistical' | 'bedrock';
  /** The language model that wrote them, when one did. */
  modelId?: string;
  /** The prompt or template version, stored with the insight. */
  promptVersion: string;
  latencyMs: number;
  usage: TokenUsage;
  costUsd: number;
  /** Why a language model's answer was not used, when it was not (the `statistical` text stood in). */
  fallbackReason?: string;
  /** Language-model calls made (retries and the fallback model included). */
  calls: number;
}

export interface Analyzer {
  readonly name: 'statistical' | 'bedrock';
  /**
   * The coverage of the predicted next-purchase windows lib/analysis computes for the insights this analyzer explains
   * (a knob of the statistical analyzer an experiment can vary; analyzer-config.ts); absent: 0.8.
   */
  readonly nextPurchaseCoverage?: number;
  /** The timing model of those windows (analyzer-config.ts TIMING_MODELS); absent: `category`. */
  readonly timing?: TimingModel;
  explain(input: AnalyzerInput): Promise<AnalyzerResult>;
}
