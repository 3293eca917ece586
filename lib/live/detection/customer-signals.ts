import { formatMoney } from '../../money/currency';
import { median, robustScale, round } from './robust';

/**
 * Per-customer signals the streaming consumers turn into alerts, each with its explanation. Pure; the caller checks
 * consent (an outreach alert needs `marketing`).
 */
export interface Signal {
  raise: boolean;
  /** The feature that decided it. */
  feature: string;
  expected: string;
  observed: string;
  why: string;
}

/**
 * An order far outside the customer's own history, judged on the log scale (order values are skewed): at least
 * `minRatio` × their median and `threshold` robust deviations away. Needs `minHistory` earlier orders. Amounts are
 * minor units of `currency` (the order's), and said in it.
 */
export function orderValueOutlier(
  totalMinor: number,
  earlierTotalsMinor: readonly number[],
  currency: string,
  options = { threshold: 4, minRatio: 3, minHistory: 4 },
): Signal {
  const money = (minor: number) => formatMoney(minor, currency);
  const usual = median(earlierTotalsMinor);
  const feature = 'order value';
  if (earlierTotalsMinor.length < options.minHistory)
    return {
      raise: false,
      feature,
      expected: 'no baseline',
      observed: money(totalMinor),
      why: `only ${earlierTotalsMinor.length} earlier orders (${options.minHistory} needed)`,
    };
  const logs = earlierTotalsMinor.filter((v) => v > 0).map(Math.log);
  const center = median(logs);
  // A floor on the scale: a customer who always spends exactly the same is not an outlier at +10 %.
  const scale = Math.max(robustScale(logs, center), 0.15);
  const score = (Math.log(Math.max(totalMinor, 1)) - center) / scale;
  const ratio = totalMinor / usual;
  const raise = score >= options.threshold && ratio >= options.minRatio;
  return {
    raise,
    feature,
    expected: `about ${money(usual)} (median of ${earlierTotalsMinor.length} orders)`,
    observed: money(totalMinor),
    why: raise
      ? `${round(ratio, 1)}× the customer's usual order (${round(score, 1)} robust deviations on the log scale)`
      : `${round(ratio, 1)}× the customer's usual order: within their range`,
  };
}

/**
 * Early churn risk while it can still be acted on: the customer is past the end of their own predicted
 * replenishment interval for a category they buy regularly (the analysis's overdue), or their visits have dropped
 * sharply against their own weekly rhythm (a Poisson tail below `maxTail`).
 */
export function earlyChurnSignal(input: {
  overdueCategories: readonly { categoryId: string; daysPastInterval: number }[];
  /** Visits in the last 7 days against the customer's usual week; absent where visits are not known. */
  visits?: { last7Days: number; usualPerWeek: number };
  pAlive: number;
}): Signal {
  const v = input.visits;
  const tail = v ? poissonCdf(v.last7Days, v.usualPerWeek) : 1;
  const dropped = v !== undefined && v.usualPerWeek >= 3 && tail < 0.01;
  const worst = [...input.overdueCategories].sort((a, b) => b.daysPastInterval - a.daysPastInterval)[0];
  // A customer the models already consider gone is a win-back case, not an early warning.
  const raise = input.pAlive >= 0.4 && (worst !== undefined || dropped);
  const reasons = [
    ...(worst
      ? [`${worst.categoryId} is ${Math.round(worst.daysPastInterval)} days past its predicted interval`]
      : []),
    ...(dropped
      ? [
          `${v.last7Days} visits in 7 days against ${round(v.usualPerWeek, 1)} usually (p ${tail.toExponential(1)})`,
        ]
      : []),
  ];
  return {
    raise,
    feature: worst ? 'replenishment cycle' : 'visit frequency',
    expected: v
      ? `${round(v.usualPerWeek, 1)} visits a week, purchases within their cycle`
      : 'purchases within their cycle',
    observed: `${v ? `${v.last7Days} visits in 7 days; ` : ''}${input.overdueCategories.length} categories overdue`,
    why: raise
      ? reasons.join('; ')
      : input.pAlive < 0.4
        ? `P(alive) ${round(input.pAlive * 100)} %: already lapsed, a win-back case`
        : 'no category overdue and visits as usual',
  };
}

/** P(X ≤ k) for X ~ Poisson(mean). */
function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  let term = Math.exp(-mean);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mean / i;
    sum += term;
  }
  return Math.min(1, sum);
}

/** A session that ended with a valuable cart and no purchase; amounts in minor units of the store's `currency`. */
export function cartAbandonment(
  session: { cartValueMinor: number; purchased: boolean; endedBy: 'timeout' | 'session_end' },
  store: { currency: string; thresholdMinor?: number },
): Signal {
  const thresholdMinor = store.thresholdMinor ?? 10_000;
  const money = (minor: number) => formatMoney(minor, store.currency);
  const raise = !session.purchased && session.cartValueMinor >= thresholdMinor;
  return {
    raise,
    feature: 'cart value at session end',
    expected: `a purchase, or a cart under ${money(thresholdMinor)}`,
    observed: `${money(session.cartValueMinor)} left in the cart (${session.endedBy === 'timeout' ? '30 min inactive' : 'session ended'})`,
    why: raise
      ? `a ${money(session.cartValueMinor)} cart was abandoned (threshold ${money(thresholdMinor)})`
      : 'no valuable cart abandoned',
  };
}
