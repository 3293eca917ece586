/**
 * Sufficient statistics: what the experiments store per variant and metric instead of raw rows, and the moments
 * (n, mean, unbiased variance) every test reads from them.
 */

/** Sums of the pre-period covariate X for CUPED, kept beside the metric Y's sums. */
export interface CovariateSums {
  sumX: number;
  sumXSquares: number;
  /** Σ x·y over the same observations (the cross term CUPED needs). */
  sumXY: number;
}

/**
 * One variant's observations of one metric: n, Σy, Σy² (and optionally the covariate sums).
 * A proportion is the same with y ∈ {0, 1}: sum = successes and sumSquares = sum.
 */
export interface MetricSummary {
  n: number;
  sum: number;
  sumSquares: number;
  cuped?: CovariateSums;
}

/** What the tests work from: sample size, mean and unbiased variance of the per-observation values. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

/** A summary with no observations; with `covariate` it also carries zeroed CUPED sums. */
export function emptySummary(covariate = false): MetricSummary {
  return covariate
    ? { n: 0, sum: 0, sumSquares: 0, cuped: { sumX: 0, sumXSquares: 0, sumXY: 0 } }
    : { n: 0, sum: 0, sumSquares: 0 };
}

/**
 * Adds one observation y (and its covariate x when the summary carries CUPED sums) in place and returns the same
 * summary. In place because simulations and ingestion add millions of rows; everything else here is pure.
 */
export function addObservation(summary: MetricSummary, y: number, x?: number): MetricSummary {
  summary.n += 1;
  summary.sum += y;
  summary.sumSquares += y * y;
  if (summary.cuped && x !== undefined) {
    summary.cuped.sumX += x;
    summary.cuped.sumXSquares += x * x;
    summary.cuped.sumXY += x * y;
  }
  return summary;
}

/** The summary of a proportion: `successes` ones among `n` observations (sumSquares = sum since 1² = 1). */
export function proportionSummary(successes: number, n: number): MetricSummary {
  return { n, sum: successes, sumSquares: successes };
}

/**
 * Mean and unbiased variance from a summary: mean = Σy/n, s² = (Σy² − (Σy)²/n)/(n − 1).
 * n = 0 gives mean 0 and n < 2 variance 0 (the tests refuse n < 2 themselves, so no NaN travels on); rounding that
 * would make s² slightly negative is clamped to 0. For a proportion p̂ = sum/n this is n·p̂(1 − p̂)/(n − 1).
 */
export function momentsOf(summary: MetricSummary): Moments {
  const { n, sum, sumSquares } = summary;
  if (!(n > 0)) return { n: 0, mean: 0, variance: 0 };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSquares - sum * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/**
 * Why a summary cannot be read as the given kind, or null when it can: counts must be non-negative integers, sums
 * finite, and a proportion's sum an integer count of successes between 0 and n with sumSquares = sum.
 */
export function summaryProblem(summary: MetricSummary, kind: 'mean' | 'proportion'): string | null {
  const { n, sum, sumSquares } = summary;
  if (!Number.isInteger(n) || n < 0) return `n must be a non-negative integer (got ${n})`;
  if (!Number.isFinite(sum) || !Number.isFinite(sumSquares)) return 'sum and sumSquares must be finite';
  if (sumSquares < 0) return `sumSquares cannot be negative (got ${sumSquares})`;
  if (kind === 'proportion') {
    if (!Number.isInteger(sum) || sum < 0 || sum > n)
      return `successes must be an integer in 0…n (got ${sum})`;
    if (sumSquares !== sum) return 'a proportion needs sumSquares = sum (each observation is 0 or 1)';
  }
  const c = summary.cuped;
  if (c && ![c.sumX, c.sumXSquares, c.sumXY].every(Number.isFinite)) return 'CUPED sums must be finite';
  return null;
}
