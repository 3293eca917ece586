import type { PurchaseDigest } from '../../customers/purchase-digest';
import { calibrationBins } from '../../math/scores';
import type { CustomerFeatures } from '../features';

/**
 * The backtest's proper scores, each next to naive baselines built from the same history (docs/analysis.md,
 * "Backtests"): next-purchase windows (coverage, width, interval score), P(buys the category) and P(buys again)
 * (Brier, calibration), orders and spend in the horizon (error) and the ranking by value (top-decile capture).
 * Baselines that need a rate learn it on the horizon before the cut (features at cut − horizon, outcomes up to the
 * cut; a shorter stretch when the history is short, its rate carried to the horizon at a constant hazard), so
 * nothing after the cut leaks into them. Pure.
 */
export interface ScoredCustomer {
  digest: PurchaseDigest;
  /** Features at the cut. */
  f: CustomerFeatures;
}

export const WINDOW_COVERAGE = 0.8;

/**
 * The days before the cut that rate baselines learn on: the horizon, or half the history before the cut when that is
 * shorter (a horizon as long as the history would leave nobody known at its start).
 */
export function learningDays(customers: readonly ScoredCustomer[], cutDay: number, horizon: number): number {
  // A loop, not Math.min(...): a spread of a million arguments overflows the stack.
  let first = cutDay;
  for (const c of customers) if (c.digest.start < first) first = c.digest.start;
  return Math.max(1, Math.min(horizon, Math.floor((cutDay - first) / 2)));
}

/** A rate seen over `days` as a rate over `horizon` days, at a constant hazard. */
export const overHorizon = (rate: number, days: number, horizon: number) =>
  days >= horizon ? rate : 1 - (1 - rate) ** (horizon / days);

export const round = (n: number, digits = 3) =>
  Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n;

/** Days after `from` (exclusive) up to `to` (inclusive) on which the customer bought, as digest indexes. */
export function tripsBetween(digest: PurchaseDigest, fromDay: number, toDay: number): number[] {
  const from = fromDay - digest.start;
  const to = toDay - digest.start;
  const out: number[] = [];
  digest.days.forEach((d, i) => {
    if (d > from && d <= to) out.push(i);
  });
  return out;
}

/** The first day (days after the cut) the category was bought in the horizon, if it was. */
export function firstCategoryDay(
  digest: PurchaseDigest,
  categoryId: string,
  cutDay: number,
  horizon: number,
): number | undefined {
  const cut = cutDay - digest.start;
  for (const i of digest.categories[categoryId] ?? []) {
    const d = digest.days[i]!;
    if (d > cut && d <= cut + horizon) return d - cut;
  }
  return undefined;
}

export const bins = (pairs: readonly [number, number][]) =>
  calibrationBins(pairs).map((b) => ({
    from: b.from,
    to: b.to,
    customers: b.count,
    meanPredicted: round(b.meanPredicted),
    observed: round(b.observed),
  }));
