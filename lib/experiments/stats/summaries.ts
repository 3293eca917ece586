/**
 * Sufficient statistics: what the experiments store per variant and metric instead of raw rows, and the moments
 * (n, mean, unbiased variance) every test reads from them.
 */

/**
 * Slack for rounding, relative to the sums' magnitude: sums of n doubles can miss an identity such as
 * Σy² ≥ (Σy)²/n by about n·2⁻⁵³ of their size in the worst case, so 1e-8 covers tens of millions of observations,
 * while corrupted sums miss by far more (GrowthBook's n = 2 example misses by 95 %).
 */
export const ROUNDING = 1e-8;

/** Sums of the pre-period covariate X for CUPED, kept beside the metric Y's sums. */
export interface CovariateSums {
  sumX: number;
  sumXSquares: number;
  /** Σ x·y over the same observations (the cross term CUPED needs). */
  sumXY: number;
}

/**
 * Sums of a ratio metric's denominator D kept beside its numerator Y's sums (n, Σy, Σy²), one pair (y, d) per unit:
 * cost (Y) and correct predictions (D) per analysis, revenue and orders per customer.
 */
export interface DenominatorSums {
  sumDen: number;
  sumDenSquares: number;
  /** Σ y·d over the same units (the cross term the delta method needs). */
  sumNumDen: number;
}

/**
 * One variant's observations of one metric: n, Σy, Σy² (and optionally the covariate sums).
 * A proportion is the same with y ∈ {0, 1}: sum = successes and sumSquares = sum. A ratio metric (ΣY/ΣD) adds the
 * denominator's sums; its n counts units (pairs), its sums are the numerator's.
 */
export interface MetricSummary {
  n: number;
  sum: number;
  sumSquares: number;
  cuped?: CovariateSums;
  ratio?: DenominatorSums;
}

/** How a metric's observations are read: as they are, as 0/1 outcomes, or as ΣY/ΣD over units. */
export type SummaryKind = 'mean' | 'proportion' | 'ratio';

/**
 * What CUPED leaves beside the adjusted moments, for the relative effect's delta method: the variant's raw mean and
 * per-unit variances and covariance of Y and the covariate X (unbiased, n − 1), and the θ that was applied.
 */
export interface CupedTerms {
  theta: number;
  unadjustedMean: number;
  unadjustedVariance: number;
  covariateVariance: number;
  covariance: number;
}

/**
 * What the tests work from: sample size, mean and unbiased variance of the per-observation values (for a ratio,
 * of its per-unit linearisation). `cuped` is present when the mean is CUPED-adjusted.
 */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
  cuped?: CupedTerms;
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

/** A ratio metric's summary with no units yet (numerator and denominator sums at 0). */
export function emptyRatioSummary(): MetricSummary {
  return { n: 0, sum: 0, sumSquares: 0, ratio: { sumDen: 0, sumDenSquares: 0, sumNumDen: 0 } };
}

/** Adds one unit of a ratio metric, numerator y and denominator d, in place (like addObservation). */
export function addRatioObservation(summary: MetricSummary, y: number, d: number): MetricSummary {
  summary.n += 1;
  summary.sum += y;
  summary.sumSquares += y * y;
  summary.ratio ??= { sumDen: 0, sumDenSquares: 0, sumNumDen: 0 };
  summary.ratio.sumDen += d;
  summary.ratio.sumDenSquares += d * d;
  summary.ratio.sumNumDen += y * d;
  return summary;
}

/** The summary of a proportion: `successes` ones among `n` observations (sumSquares = sum since 1² = 1). */
export function proportionSummary(successes: number, n: number): MetricSummary {
  return { n, sum: successes, sumSquares: successes };
}

/**
 * Mean and unbiased variance from a summary: mean = Σy/n, s² = (Σy² − (Σy)²/n)/(n − 1).
 * n = 0 gives mean 0 and n < 2 variance 0 (the tests refuse n < 2 themselves, so no NaN travels on). Rounding
 * that would make s² slightly negative (within ROUNDING of the sums) is clamped to 0; a variance negative beyond
 * that is kept, so that every test refuses it rather than reading it as "no variance" (a p-value of 0).
 * For a proportion p̂ = sum/n this is n·p̂(1 − p̂)/(n − 1).
 */
export function momentsOf(summary: MetricSummary): Moments {
  const { n, sum, sumSquares } = summary;
  if (!(n > 0)) return { n: 0, mean: 0, variance: 0 };
  const mean = sum / n;
  if (n < 2) return { n, mean, variance: 0 };
  const centred = sumSquares - sum * mean;
  const withinRounding = centred >= -ROUNDING * Math.max(Math.abs(sumSquares), Math.abs(sum * mean));
  return { n, mean, variance: withinRounding ? Math.max(0, centred) / (n - 1) : centred / (n - 1) };
}

/**
 * A ratio metric's moments, per unit: R = Σy/Σd and the delta-method variance of a unit's contribution,
 * (s²_y − 2R·s_yd + R²·s²_d) / d̄² (all unbiased, n − 1), so that Var(R̂) ≈ variance/n (the first-order Taylor
 * expansion of Ȳ/D̄; GrowthBook's `RatioStatistic`). Every test then reads the ratio as it reads a mean. Null when
 * there is no denominator yet (Σd = 0): the ratio is undefined. Rounding that would leave a tiny negative is
 * clamped to 0 (summaryProblem() refuses the sums that are truly impossible).
 */
export function ratioMomentsOf(summary: MetricSummary): Moments | null {
  const { n, sum, sumSquares } = summary;
  const den = summary.ratio;
  if (!den || !(n > 0) || den.sumDen === 0) return null;
  const ratio = sum / den.sumDen;
  if (n < 2) return { n, mean: ratio, variance: 0 };
  const varY = (sumSquares - (sum * sum) / n) / (n - 1);
  const varD = (den.sumDenSquares - (den.sumDen * den.sumDen) / n) / (n - 1);
  const covYD = (den.sumNumDen - (sum * den.sumDen) / n) / (n - 1);
  const meanDen = den.sumDen / n;
  const variance = Math.max(0, varY - 2 * ratio * covYD + ratio * ratio * varD) / (meanDen * meanDen);
  return { n, mean: ratio, variance };
}

/** The moments of a summary read as `kind`; null for a ratio without a denominator yet. */
export function momentsOfKind(summary: MetricSummary, kind: SummaryKind): Moments | null {
  return kind === 'ratio' ? ratioMomentsOf(summary) : momentsOf(summary);
}
