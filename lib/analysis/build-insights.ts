import type { Analyzer, AnalyzerFeatures, AnalyzerResult } from './analyzers/analyzer';
import { analyzerFor, resolveAnalyzer } from './analyzers/get-analyzer';
import { statisticalAnalyzer } from './analyzers/statistical-analyzer';
import { getConfig } from '../config';
import type { CustomerItem } from '../customers/customer';
import { minorDigits } from '../money/currency';
import { storeDay, storeEpochDay } from '../time/store-time';
import type { AnalyzerChoice } from '../experiments/choose-analyzer-variant';
import { forEachLimit } from '../for-each-limit';
import { mayUse } from '../privacy/consent/may-use';
import { pseudonymFor } from '../privacy/pseudonym';
import { derivePrng } from '../math/prng';
import { customerNumbers, INTERVAL_COVERAGE } from './customer-numbers';
import { customerFeatures, type CustomerFeatures } from './features';
import { patternRows, type Insight, type Pattern } from './insight-store';
import type { PopulationModel } from './population-model';

/**
 * Turns customers into insights: their features, the models' numbers, and an analyzer's words. The caller has
 * already checked `personalization` consent (no insight at all without it); `aiAllowed` says who may be sent, as
 * pseudonymized features, to a language model — everyone else gets the statistical analyzer's words.
 */
/** What analysis reads of a customer profile (the batch scans only these attributes). */
export type AnalysedCustomer = Pick<CustomerItem, 'customerId' | 'purchases' | 'lastOrderAt' | 'segment'>;

export interface InsightContext {
  model: PopulationModel;
  asOf: Date;
  /** The analyzer for customers no experiment claims (the getAnalyzer() handle is resolved once per call). */
  analyzer: Analyzer;
  /**
   * Asks the running experiments which analyzer a customer gets (lib/experiments/choose-analyzer-variant.ts);
   * undefined, or an undefined answer: `analyzer`.
   */
  chooseVariant?: (customer: AnalysedCustomer) => Promise<AnalyzerChoice | undefined>;
  trigger: Insight['trigger'];
  /** Shared by a batch run's insights; otherwise derived from the time. */
  version?: string;
  runId?: string;
  ttlHours: number;
  concurrency: number;
}

export interface BuiltInsights {
  insights: Insight[];
  patterns: Pattern[];
  /** Customers with no orders up to `asOf`: nothing to analyse. */
  withoutOrders: string[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** `currency`: the store's, which the features' spend is in (the average is given to its minor unit). */
export function analyzerFeatures(
  customer: AnalysedCustomer,
  f: CustomerFeatures,
  currency: string,
): AnalyzerFeatures {
  const digits = minorDigits(currency);
  return {
    customer: pseudonymFor(customer.customerId),
    orders: f.purchases,
    weeksSinceFirstOrder: round1(f.daysSinceFirst / 7),
    weeksSinceLastOrder: round1(f.daysSinceLast / 7),
    ownAverageOrder: Math.round(f.ownMean) / 10 ** digits,
    categories: f.categories.slice(0, 10).map((c) => ({
      category: c.categoryId,
      purchases: c.purchases,
      typicalGapDays: c.intervals.length
        ? round1(c.intervals.reduce((s, v) => s + v, 0) / c.intervals.length)
        : null,
    })),
    ...(customer.segment ? { segment: customer.segment } : {}),
  };
}

export async function buildInsights(
  customers: readonly AnalysedCustomer[],
  consent: { aiAllowed: ReadonlySet<string>; mayContact: ReadonlySet<string> },
  ctx: InsightContext,
): Promise<BuiltInsights> {
  const { STORE_TIMEZONE: timeZone, STORE_CURRENCY: currency } = getConfig();
  const asOfIso = ctx.asOf.toISOString();
  // The store's day, as the purchase digest counts days: "today" for the models is today in the store's zone.
  const asOfDay = storeEpochDay(ctx.asOf, timeZone);
  const day = storeDay(ctx.asOf, timeZone);
  const version = ctx.version ?? `${asOfIso}#${ctx.trigger}`;
  const expiresAt = new Date(ctx.asOf.getTime() + ctx.ttlHours * 3_600_000).toISOString();
  const out: BuiltInsights = { insights: [], patterns: [], withoutOrders: [] };
  const defaultAnalyzer = await resolveAnalyzer(ctx.analyzer);
  await forEachLimit(customers, ctx.concurrency, async (customer) => {
    const f = customer.purchases ? customerFeatures(customer.purchases, asOfDay) : undefined;
    if (!f) {
      out.withoutOrders.push(customer.customerId);
      return;
    }
    // A customer in a running experiment gets their variant's analyzer; an arm never falls back to another model,
    // so that it measures its own (the statistical text stands in, and the observation says so).
    const choice = await ctx.chooseVariant?.(customer);
    const analyzer = choice ? analyzerFor(choice.analyzer, { fallbackModel: null }) : defaultAnalyzer;
    const coverage = analyzer.nextPurchaseCoverage ?? INTERVAL_COVERAGE;
    // Seeded by customer and day: the same history on the same day always gives the same interval.
    const { numbers, patterns } = customerNumbers(
      ctx.model,
      f,
      day,
      derivePrng('clv', customer.customerId, day),
      { currency, nextPurchaseCoverage: coverage, timing: analyzer.timing },
    );
    const input = {
      features: analyzerFeatures(customer, f, currency),
      numbers,
      mayContact: consent.mayContact.has(customer.customerId),
    };
    // Asked again right before anything leaves (a withdrawal applies within seconds, even mid-run).
    const useModel =
      analyzer.name !== 'statistical' &&
      consent.aiAllowed.has(customer.customerId) &&
      (await mayUse(customer.customerId, 'ai_processing'));
    const result: AnalyzerResult = await (useModel ? analyzer : statisticalAnalyzer).explain(input);
    out.insights.push({
      customerId: customer.customerId,
      version,
      createdAt: asOfIso,
      expiresAt,
      basedOnLastOrderAt: customer.lastOrderAt ?? null,
      trigger: ctx.trigger,
      ...(ctx.runId ? { runId: ctx.runId } : {}),
      modelFittedAt: ctx.model.fittedAt,
      numbers,
      summary: result.summary,
      actions: result.actions,
      analyzer: result.analyzer,
      ...(result.modelId ? { modelId: result.modelId } : {}),
      promptVersion: result.promptVersion,
      latencyMs: Math.round(result.latencyMs * 10) / 10,
      usage: result.usage,
      costUsd: result.costUsd,
      ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
      ...(choice ? { experimentKey: choice.experimentKey, variant: choice.variant } : {}),
      ...(analyzer.name !== 'statistical' && !useModel
        ? { skippedModel: 'no ai_processing consent: the statistical analyzer wrote this' }
        : {}),
    });
    out.patterns.push(
      ...patternRows(customer.customerId, customer.purchases!.start, patterns, coverage, asOfIso),
    );
  });
  return out;
}

/** The consent sets buildInsights needs, from a `stateOf` lookup (a batch's one scan of the ledger). */
export function consentSets(
  customerIds: readonly string[],
  stateOf: (id: string) => { ai_processing: boolean; marketing: boolean },
): { aiAllowed: Set<string>; mayContact: Set<string> } {
  return {
    aiAllowed: new Set(customerIds.filter((id) => stateOf(id).ai_processing)),
    mayContact: new Set(customerIds.filter((id) => stateOf(id).marketing)),
  };
}
