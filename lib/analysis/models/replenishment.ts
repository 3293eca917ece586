import { normalQuantile } from '../../math/normal';

/**
 * Replenishment: when a customer will buy a category again. Each customer has their own rhythm for a category —
 * the log of their inter-purchase intervals is Normal(μᵢ, σ²) — and customers' rhythms vary around the category's:
 * μᵢ ~ Normal(μ, τ²). A customer with few purchases is shrunk toward the category's rhythm, one with many follows
 * their own (empirical Bayes). The prediction for the next purchase is a date with an interval from the predictive
 * distribution, and a customer past its upper end is overdue. Pure; intervals in days.
 */
export interface CategoryRhythm {
  /** Mean log-interval across customers (μ). */
  mu: number;
  /** Variance of a customer's own log-intervals around their mean (σ²). */
  sigma2: number;
  /** Variance of customers' mean log-intervals around the category's (τ²). */
  tau2: number;
  /** Customers with at least two intervals that informed it. */
  customers: number;
}

const MIN_VARIANCE = 1e-4;

/** The category's rhythm from every customer's intervals (days, > 0), by the method of moments. */
export function fitCategoryRhythm(intervalsByCustomer: readonly (readonly number[])[]): CategoryRhythm {
  const logs = intervalsByCustomer
    .map((ds) => ds.filter((d) => d > 0).map(Math.log))
    .filter((l) => l.length > 0);
  if (!logs.length) throw new RangeError('a category rhythm needs at least one interval');
  const means = logs.map((l) => l.reduce((s, v) => s + v, 0) / l.length);
  const mu = means.reduce((s, m) => s + m, 0) / means.length;
  // σ²: pooled within-customer variance (customers with two or more intervals).
  let within = 0;
  let dof = 0;
  logs.forEach((l, i) => {
    if (l.length < 2) return;
    within += l.reduce((s, v) => s + (v - means[i]!) ** 2, 0);
    dof += l.length - 1;
  });
  const sigma2 = Math.max(MIN_VARIANCE, dof ? within / dof : 0.25);
  // τ²: spread of customers' means beyond what their own noise explains (Var(mean) = τ² + σ²/n).
  const between = means.reduce((s, m) => s + (m - mu) ** 2, 0) / Math.max(1, means.length - 1);
  const noise = logs.reduce((s, l) => s + sigma2 / l.length, 0) / logs.length;
  return {
    mu,
    sigma2,
    tau2: Math.max(MIN_VARIANCE, between - noise),
    customers: logs.filter((l) => l.length >= 2).length,
  };
}

export interface NextPurchase {
  /** The most likely day count from the last purchase (the predictive median). */
  days: number;
  /** The central interval, in days from the last purchase, with the given coverage. */
  low: number;
  high: number;
  coverage: number;
  /** How much the customer's own history counts against the category's rhythm (0–1). */
  ownWeight: number;
}

/**
 * The customer's predictive distribution of their next gap (days) on the log scale: the posterior mean of their
 * rhythm (their own log-gaps weighed against the category's) and the spread of a new gap around it.
 */
export function gapPredictive(
  rhythm: CategoryRhythm,
  intervals: readonly number[],
): { m: number; v: number; ownWeight: number } {
  const logs = intervals.filter((d) => d > 0).map(Math.log);
  const n = logs.length;
  const precision = 1 / rhythm.tau2 + n / rhythm.sigma2;
  const m = (rhythm.mu / rhythm.tau2 + logs.reduce((sum, x) => sum + x, 0) / rhythm.sigma2) / precision;
  return { m, v: Math.sqrt(rhythm.sigma2 + 1 / precision), ownWeight: n / rhythm.sigma2 / precision };
}

/** The next purchase of a category for a customer with these past intervals (days; may be empty). */
export function predictNextPurchase(
  rhythm: CategoryRhythm,
  intervals: readonly number[],
  coverage = 0.8,
): NextPurchase {
  const { m, v, ownWeight } = gapPredictive(rhythm, intervals);
  const z = normalQuantile(0.5 + coverage / 2);
  return { days: Math.exp(m), low: Math.exp(m - z * v), high: Math.exp(m + z * v), coverage, ownWeight };
}

/** Past the upper end of the interval: the customer would normally have bought again by now. */
export const isOverdue = (next: NextPurchase, daysSinceLast: number) => daysSinceLast > next.high;
