import { z } from 'zod';
import type { CustomerFeatures } from './features';
import { fitBgNbd } from './models/bgnbd';
import { fitCategoryDropout, gapSurvival, type DropoutHistory } from './models/category-timing';
import { fitGammaGamma } from './models/gamma-gamma';
import { fitCategoryRhythm, gapPredictive } from './models/replenishment';

/**
 * The models fitted on the whole customer base: BG/NBD (how often, and whether still active), Gamma-Gamma (how much
 * per order) and each category's rhythm. One is fitted per batch run and used for every customer until the next,
 * including the real-time refreshes in between. Pure.
 */
export const populationModelSchema = z.object({
  /** The store's day the base was observed (YYYY-MM-DD). */
  asOf: z.string(),
  /** The currency spend was in (Gamma-Gamma's γ is in its minor units); absent on models fitted before it was kept. */
  currency: z.string().optional(),
  fittedAt: z.string(),
  customers: z.number().int().nonnegative(),
  bg: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }),
  bgLogLikelihood: z.number(),
  gg: z.object({ p: z.number(), q: z.number(), gamma: z.number() }),
  /** Repeat buyers the Gamma-Gamma model was fitted on. */
  ggCustomers: z.number().int().nonnegative(),
  rhythms: z.record(
    z.string(),
    z.object({ mu: z.number(), sigma2: z.number(), tau2: z.number(), customers: z.number().int() }),
  ),
  /**
   * Per category with a rhythm, how likely customers are to stop buying it (models/category-timing.ts); absent on
   * models fitted before it existed (then nobody is taken to have stopped a category).
   */
  dropouts: z
    .record(z.string(), z.object({ a: z.number(), b: z.number(), histories: z.number().int() }))
    .optional(),
  fitSeconds: z.number().nonnegative(),
});
export type PopulationModel = z.infer<typeof populationModelSchema>;

/** Fewer customers with orders than this and the population models are not fitted (nor is a run started for them). */
export const MIN_FIT_CUSTOMERS = 10;

/** A category's rhythm is only trusted when this many customers have bought it at least twice. */
const MIN_RHYTHM_CUSTOMERS = 5;

/** A category's dropout is fitted on at most this many histories (every k-th): two parameters need no more. */
const MAX_DROPOUT_HISTORIES = 4_000;

/**
 * Each rhythm's dropout, from every customer's history of the category at the fitting day: its completed gaps and the
 * chance of a gap as long as the days they shopped without it (one purchase of it counts too:
 * the category's rhythm is their prior).
 */
function fitDropouts(
  features: readonly CustomerFeatures[],
  rhythms: PopulationModel['rhythms'],
): NonNullable<PopulationModel['dropouts']> {
  const histories = new Map<string, DropoutHistory[]>();
  for (const f of features) {
    for (const c of f.categories) {
      const rhythm = rhythms[c.categoryId];
      if (!rhythm) continue;
      const { m, v } = gapPredictive(rhythm, c.intervals);
      let list = histories.get(c.categoryId);
      if (!list) histories.set(c.categoryId, (list = []));
      // Evidence up to their last trip: the silence since is P(alive)'s (models/category-timing.ts).
      const withoutIt = Math.max(0, c.daysSinceLast - f.daysSinceLast);
      list.push({ gaps: c.intervals.length, survival: gapSurvival(withoutIt, m, v) });
    }
  }
  const dropouts: NonNullable<PopulationModel['dropouts']> = {};
  for (const [categoryId, list] of histories) {
    const step = Math.max(1, Math.ceil(list.length / MAX_DROPOUT_HISTORIES));
    const fitted = fitCategoryDropout(list.filter((_, i) => i % step === 0));
    dropouts[categoryId] = { ...fitted, histories: list.length };
  }
  return dropouts;
}

export function fitPopulationModel(
  features: readonly CustomerFeatures[],
  asOf: string,
  currency: string,
  now = new Date(),
): PopulationModel {
  if (features.length < MIN_FIT_CUSTOMERS)
    throw new RangeError(`the models need at least ${MIN_FIT_CUSTOMERS} customers with orders`);
  const started = performance.now();
  const bg = fitBgNbd(features);
  const gg = fitGammaGamma(features.map((f) => ({ x: f.x, mean: f.mean })));
  const intervals = new Map<string, number[][]>();
  for (const f of features)
    for (const c of f.categories) {
      if (!c.intervals.length) continue;
      let list = intervals.get(c.categoryId);
      if (!list) intervals.set(c.categoryId, (list = []));
      list.push(c.intervals);
    }
  const rhythms: PopulationModel['rhythms'] = {};
  for (const [categoryId, lists] of intervals) {
    if (lists.length < MIN_RHYTHM_CUSTOMERS) continue;
    rhythms[categoryId] = fitCategoryRhythm(lists);
  }
  const dropouts = fitDropouts(features, rhythms);
  return {
    asOf,
    currency,
    fittedAt: now.toISOString(),
    customers: features.length,
    bg: bg.params,
    bgLogLikelihood: bg.logLikelihood,
    gg: gg.params,
    ggCustomers: gg.customers,
    rhythms,
    dropouts,
    fitSeconds: (performance.now() - started) / 1000,
  };
}
