import { describeAnalyzerConfig, type AnalyzerConfig } from '../../analysis/analyzers/analyzer-config';
import { analyzerFor } from '../../analysis/analyzers/get-analyzer';
import { analyzerFeatures } from '../../analysis/build-insights';
import { customerNumbers, INTERVAL_COVERAGE } from '../../analysis/customer-numbers';
import { customerFeatures, type CustomerFeatures } from '../../analysis/features';
import { fitPopulationModel } from '../../analysis/population-model';
import { getConfig } from '../../config';
import type { CustomerItem } from '../../customers/customer';
import { listAllCustomers } from '../../customers/list-all-customers';
import { forEachLimit } from '../../for-each-limit';
import { allConsentStates } from '../../privacy/consent/consent-states';
import { derivePrng } from '../../math/prng';
import { storeEpochDay } from '../../time/store-time';
import { predictionFrom } from '../outcomes/outcome-cells';
import { pairedTest, type PairedResult } from '../stats/paired';
import type { InsufficientData } from '../stats/types';
import { outcomeFromHistory } from './history-outcome';

const DAY = 86_400_000;
export const SHADOW_METRICS = [
  'interval_score',
  'accuracy',
  'latency_ms',
  'cost_usd',
  'schema_valid',
] as const;
type ShadowMetric = (typeof SHADOW_METRICS)[number];

export interface ShadowReport {
  a: string;
  b: string;
  cutoff: string;
  customers: number;
  /** Per metric: pairs, each side's mean, and the paired test of A − B. */
  metrics: Record<
    ShadowMetric,
    { pairs: number; meanA: number | null; meanB: number | null; test: PairedResult | InsufficientData }
  >;
  seconds: number;
}

/**
 * A shadow run (paired comparison): two analyzer configs on the same customer snapshots — every customer who allows
 * personalization (and, when either side is a language model, ai_processing), their history cut at `cutoff`, the
 * models fitted as of that day — each side predicting and explaining; then per customer the difference A − B of
 * the interval score (where both predicted categories were bought within the horizon), accuracy (did they buy the predicted category in the predicted window, read from their later orders; only where
 * both predictions have resolved by now), latency, cost and validity, compared by a paired t-test
 * (docs/statistics.md). The same customers on both sides remove the between-customer noise an A/B split carries, so
 * it needs far fewer customers; it spends model calls on both sides, which is why it is a tool, not the default.
 */
export async function runShadow(options: {
  a: AnalyzerConfig;
  b: AnalyzerConfig;
  cutoff: string;
  limit?: number;
  now?: Date;
}): Promise<ShadowReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  // The cut-off is a store's day, as the purchase digests count days; it must be before the store's today.
  const { STORE_TIMEZONE: timeZone, STORE_CURRENCY: currency } = getConfig();
  const cutDay = Math.floor(Date.parse(`${options.cutoff}T00:00:00Z`) / DAY);
  if (!Number.isFinite(cutDay) || cutDay >= storeEpochDay(now, timeZone))
    throw new RangeError(`The cut-off must be a past day as YYYY-MM-DD (got ${options.cutoff}).`);
  const usesModel = options.a.provider === 'bedrock' || options.b.provider === 'bedrock';
  const [customers, consent] = await Promise.all([listAllCustomers(), allConsentStates()]);
  const snapshots: { customer: CustomerItem; f: CustomerFeatures }[] = [];
  for (const customer of customers) {
    const state = consent.stateOf(customer.customerId);
    if (!customer.purchases || !state.personalization || (usesModel && !state.ai_processing)) continue;
    const f = customerFeatures(customer.purchases, cutDay);
    if (f) snapshots.push({ customer, f });
  }
  if (snapshots.length < 10)
    throw new RangeError(
      `Only ${snapshots.length} customers had bought by ${options.cutoff}; choose a later cut-off.`,
    );
  const model = fitPopulationModel(
    snapshots.map((s) => s.f),
    options.cutoff,
    currency,
    now,
  );
  const chosen = snapshots.slice(0, options.limit ?? snapshots.length);
  const sums = Object.fromEntries(
    SHADOW_METRICS.map((m) => [m, { n: 0, sum: 0, sumSquares: 0, sumA: 0, sumB: 0 }]),
  ) as Record<ShadowMetric, { n: number; sum: number; sumSquares: number; sumA: number; sumB: number }>;
  const add = (metric: ShadowMetric, a: number, b: number) => {
    const s = sums[metric];
    s.n++;
    s.sum += a - b;
    s.sumSquares += (a - b) ** 2;
    s.sumA += a;
    s.sumB += b;
  };
  const sides = [options.a, options.b].map((config) => ({
    config,
    analyzer: analyzerFor(config, { fallbackModel: null }),
  }));
  await forEachLimit(chosen, 4, async ({ customer, f }) => {
    const measured = [];
    for (const side of sides) {
      // The same random stream on both sides: only the config differs.
      const { numbers } = customerNumbers(
        model,
        f,
        options.cutoff,
        derivePrng('clv', customer.customerId, options.cutoff),
        {
          currency,
          nextPurchaseCoverage: side.analyzer.nextPurchaseCoverage ?? INTERVAL_COVERAGE,
          timing: side.analyzer.timing,
        },
      );
      const result = await side.analyzer.explain({
        features: analyzerFeatures(customer, f, currency),
        numbers,
        mayContact: consent.stateOf(customer.customerId).marketing,
      });
      const prediction = predictionFrom(numbers, timeZone);
      const outcome = prediction
        ? outcomeFromHistory(customer.purchases!, cutDay, prediction, now, timeZone)
        : undefined;
      measured.push({
        accuracy: outcome && outcome !== 'pending' ? outcome.values.accuracy : undefined,
        intervalScore: outcome && outcome !== 'pending' ? outcome.values.interval_score : undefined,
        latency: result.latencyMs,
        cost: result.costUsd,
        valid: result.analyzer === side.config.provider && !result.fallbackReason ? 1 : 0,
      });
    }
    const [a, b] = measured as [(typeof measured)[0], (typeof measured)[0]];
    if (a.accuracy !== undefined && b.accuracy !== undefined) add('accuracy', a.accuracy, b.accuracy);
    // Where both sides' predicted categories were bought within the horizon, as the experiments score them.
    if (a.intervalScore !== undefined && b.intervalScore !== undefined)
      add('interval_score', a.intervalScore, b.intervalScore);
    add('latency_ms', a.latency, b.latency);
    add('cost_usd', a.cost, b.cost);
    add('schema_valid', a.valid, b.valid);
  });
  const metrics = Object.fromEntries(
    SHADOW_METRICS.map((m) => {
      const s = sums[m];
      return [
        m,
        {
          pairs: s.n,
          meanA: s.n ? s.sumA / s.n : null,
          meanB: s.n ? s.sumB / s.n : null,
          test: pairedTest({ n: s.n, sum: s.sum, sumSquares: s.sumSquares }),
        },
      ];
    }),
  ) as ShadowReport['metrics'];
  return {
    a: describeAnalyzerConfig(options.a),
    b: describeAnalyzerConfig(options.b),
    cutoff: options.cutoff,
    customers: chosen.length,
    metrics,
    seconds: (performance.now() - started) / 1000,
  };
}
