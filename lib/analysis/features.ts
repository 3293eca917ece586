import type { PurchaseDigest } from '../customers/purchase-digest';
import type { RepeatSummary } from './models/bgnbd';

/**
 * The features the models read, from a customer's purchase digest as of a day: the repeat-purchase summary (x, t_x,
 * T in weeks and the mean spend of the repeat purchases) and, per category, the gaps between purchases and the days
 * since the last one. Pure.
 */
export interface CategoryFeatures {
  categoryId: string;
  purchases: number;
  /** Days between consecutive purchases of the category. */
  intervals: number[];
  daysSinceLast: number;
}

export interface CustomerFeatures extends RepeatSummary {
  /** Mean spend of the repeat purchases, minor units (the first purchase's when there is none). */
  mean: number;
  /** Distinct purchase days. */
  purchases: number;
  /** Mean spend over every purchase day, minor units. */
  ownMean: number;
  daysSinceFirst: number;
  daysSinceLast: number;
  categories: CategoryFeatures[];
}

const WEEK = 7;

/**
 * `asOfDay` is the store's day as a day number (lib/time storeEpochDay), as the digest counts days; purchases after
 * it are ignored, so the same digest gives the features at any cut-off (the backtest cuts history this way).
 */
export function customerFeatures(digest: PurchaseDigest, asOfDay: number): CustomerFeatures | undefined {
  const cut = asOfDay - digest.start;
  const kept = digest.days.filter((d) => d <= cut).length;
  if (!kept) return undefined;
  const days = digest.days.slice(0, kept);
  const spend = digest.spend.slice(0, kept);
  const x = kept - 1;
  const last = days[kept - 1]!;
  const total = spend.reduce((s, v) => s + v, 0);
  const categories: CategoryFeatures[] = [];
  for (const [categoryId, indexes] of Object.entries(digest.categories)) {
    const bought = indexes.filter((i) => i < kept).map((i) => days[i]!);
    if (!bought.length) continue;
    const intervals = bought.slice(1).map((d, i) => d - bought[i]!);
    categories.push({ categoryId, purchases: bought.length, intervals, daysSinceLast: cut - bought.at(-1)! });
  }
  categories.sort((a, b) => b.purchases - a.purchases || a.categoryId.localeCompare(b.categoryId));
  return {
    x,
    tx: last / WEEK,
    T: cut / WEEK,
    mean: x ? (total - spend[0]!) / x : spend[0]!,
    purchases: kept,
    ownMean: total / kept,
    daysSinceFirst: cut,
    daysSinceLast: cut - last,
    categories,
  };
}
