import { z } from 'zod';
import type { CustomerFeatures } from './features';
import { fitBgNbd } from './models/bgnbd';
import { fitGammaGamma } from './models/gamma-gamma';
import { fitCategoryRhythm } from './models/replenishment';

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
  fitSeconds: z.number().nonnegative(),
});
export type PopulationModel = z.infer<typeof populationModelSchema>;

/** Fewer customers with orders than this and the population models are not fitted (nor is a run started for them). */
export const MIN_FIT_CUSTOMERS = 10;

/** A category's rhythm is only trusted when this many customers have bought it at least twice. */
const MIN_RHYTHM_CUSTOMERS = 5;

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
    fitSeconds: (performance.now() - started) / 1000,
  };
}
