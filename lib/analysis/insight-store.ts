import { z } from 'zod';
import { ACTION_KINDS, insightNumbersSchema } from './analyzers/analyzer';
import { batchDelete, batchGet, batchPut } from '../db/batch';
import { queryItems, queryPage } from '../db/items';
import type { PatternNumbers } from './customer-numbers';
import { epochDayToDay } from '../time/store-time';

/**
 * `customer_insights`: every insight a customer has had, keyed by `version` = `<created ISO time>#<source>`, so
 * the newest sorts last and a batch run's insights share one version (a resumed run finds what it already wrote
 * with one BatchGet per page). `purchase_patterns`: the current replenishment pattern per customer and category.
 */
// The nested parts are stored as JSON strings: the store validates every nested attribute of a map on each write,
// which made an insight cost twice a flat item (452 against 212 µs in the embedded store); nothing queries inside.
const stored = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v), schema);

export const insightSchema = z.object({
  customerId: z.string(),
  version: z.string(),
  createdAt: z.string(),
  /** After this the insight is stale and the next activity refreshes it (INSIGHT_TTL_HOURS). */
  expiresAt: z.string(),
  /** The customer's last order the insight knew of: a later order makes it stale. */
  basedOnLastOrderAt: z.string().nullable(),
  trigger: z.enum(['batch', 'refresh', 'manual', 'backtest']),
  runId: z.string().optional(),
  /** Which fitted population model produced the numbers (its fittedAt). */
  modelFittedAt: z.string(),
  numbers: stored(insightNumbersSchema),
  summary: z.string(),
  actions: stored(z.array(z.object({ kind: z.enum(ACTION_KINDS), text: z.string() }))),
  analyzer: z.enum(['statistical', 'bedrock']),
  modelId: z.string().optional(),
  promptVersion: z.string(),
  latencyMs: z.number().nonnegative(),
  usage: stored(
    z.object({
      inputTokens: z.number(),
      outputTokens: z.number(),
      cacheReadTokens: z.number(),
      cacheWriteTokens: z.number(),
    }),
  ),
  costUsd: z.number().nonnegative(),
  fallbackReason: z.string().optional(),
  /** Why a language model was not asked, when it was configured (e.g. no ai_processing consent). */
  skippedModel: z.string().optional(),
  /** The running experiment that chose the analyzer, and the customer's variant in it (`holdout`: control's). */
  experimentKey: z.string().optional(),
  variant: z.string().optional(),
});
export type Insight = z.infer<typeof insightSchema>;

export const patternSchema = z.object({
  customerId: z.string(),
  categoryId: z.string(),
  purchases: z.number().int(),
  cycleDays: z.number(),
  lowDays: z.number(),
  highDays: z.number(),
  coverage: z.number(),
  ownWeight: z.number(),
  /** The store's day (YYYY-MM-DD, STORE_TIMEZONE) of the last purchase of the category. */
  lastPurchaseOn: z.string(),
  /** The store's days of the predicted next purchase and its interval. */
  nextOn: z.string(),
  nextLowOn: z.string(),
  nextHighOn: z.string(),
  overdue: z.boolean(),
  updatedAt: z.string(),
});
export type Pattern = z.infer<typeof patternSchema>;

// The digest counts the store's days, so its day numbers name the store's calendar days.
const isoDay = (epochDay: number) => epochDayToDay(epochDay);

/** The stored rows of a customer's category patterns. `startDay` is their first purchase's day (the digest's start). */
export function patternRows(
  customerId: string,
  startDay: number,
  patterns: readonly PatternNumbers[],
  coverage: number,
  now: string,
): Pattern[] {
  return patterns.map((p) => {
    const last = startDay + p.lastPurchaseDay;
    return {
      customerId,
      categoryId: p.categoryId,
      purchases: p.purchases,
      cycleDays: p.cycleDays,
      lowDays: p.lowDays,
      highDays: p.highDays,
      coverage,
      ownWeight: p.ownWeight,
      lastPurchaseOn: isoDay(last),
      nextOn: isoDay(last + p.cycleDays),
      nextLowOn: isoDay(last + p.lowDays),
      nextHighOn: isoDay(last + p.highDays),
      overdue: p.overdue,
      updatedAt: now,
    };
  });
}

export async function putInsights(insights: readonly Insight[], patterns: readonly Pattern[]): Promise<void> {
  await Promise.all([
    batchPut(
      'customer_insights',
      insights.map((i) => ({
        ...i,
        numbers: JSON.stringify(i.numbers),
        actions: JSON.stringify(i.actions),
        usage: JSON.stringify(i.usage),
      })),
    ),
    patterns.length
      ? batchPut(
          'purchase_patterns',
          patterns.map((p) => ({ ...p })),
        )
      : undefined,
  ]);
}

export async function latestInsight(customerId: string): Promise<Insight | undefined> {
  const page = await queryPage('customer_insights', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    forward: false,
    limit: 1,
    consistent: true,
  });
  return page.items[0] ? insightSchema.parse(page.items[0]) : undefined;
}

/** The newest `limit` insights, newest first. */
export async function insightHistory(customerId: string, limit: number): Promise<Insight[]> {
  const items = await queryItems('customer_insights', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    forward: false,
    limit,
  });
  return items.map((i) => insightSchema.parse(i));
}

export async function customerPatterns(customerId: string): Promise<Pattern[]> {
  const items = await queryItems('purchase_patterns', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    consistent: true,
  });
  return items.map((i) => patternSchema.parse(i));
}

/** Which of these customers already have an insight of this version (a resumed batch skips them). */
export async function havingVersion(customerIds: readonly string[], version: string): Promise<Set<string>> {
  const found = await batchGet(
    'customer_insights',
    customerIds.map((customerId) => ({ customerId, version })),
    { consistent: true },
  );
  return new Set(found.map((i) => String(i.customerId)));
}

/** Removes everything analysis derived for a customer (personalization withdrawn). */
export async function deleteCustomerAnalysis(customerId: string): Promise<number> {
  const [insights, patterns] = await Promise.all([
    queryItems('customer_insights', { keyCondition: 'customerId = :c', values: { ':c': customerId } }),
    queryItems('purchase_patterns', { keyCondition: 'customerId = :c', values: { ':c': customerId } }),
  ]);
  await Promise.all([batchDelete('customer_insights', insights), batchDelete('purchase_patterns', patterns)]);
  return insights.length + patterns.length;
}
