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

// Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9).
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(p, 1 - p);
  let x: number;
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    x =
      (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) /
      ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  } else {
    const r = q - 0.5;
    const s = r * r;
    x =
      ((((((a[0]! * s + a[1]!) * s + a[2]!) * s + a[3]!) * s + a[4]!) * s + a[5]!) * r) /
      (((((b[0]! * s + b[1]!) * s + b[2]!) * s + b[3]!) * s + b[4]!) * s + 1);
  }
  return p < 0.5 ? x : -x;
}

/** The next purchase of a category for a customer with these past intervals (days; may be empty). */
export function predictNextPurchase(
  rhythm: CategoryRhythm,
  intervals: readonly number[],
  coverage = 0.8,
): NextPurchase {
  const logs = intervals.filter((d) => d > 0).map(Math.log);
  const n = logs.length;
  const precision = 1 / rhythm.tau2 + n / rhythm.sigma2;
  const mean = (rhythm.mu / rhythm.tau2 + logs.reduce((s, v) => s + v, 0) / rhythm.sigma2) / precision;
  const sd = Math.sqrt(rhythm.sigma2 + 1 / precision);
  const z = normalQuantile(0.5 + coverage / 2);
  return {
    days: Math.exp(mean),
    low: Math.exp(mean - z * sd),
    high: Math.exp(mean + z * sd),
    coverage,
    ownWeight: n / rhythm.sigma2 / precision,
  };
}

/** Past the upper end of the interval: the customer would normally have bought again by now. */
export const isOverdue = (next: NextPurchase, daysSinceLast: number) => daysSinceLast > next.high;
