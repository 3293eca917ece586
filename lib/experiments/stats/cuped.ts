/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013): subtract the part of the metric a pre-experiment covariate predicts, so
 * the same users give a narrower interval. Works from the sufficient statistics, cross term Σxy included.
 */
import { momentsOf, type MetricSummary, type Moments } from './summaries';

/** One variant after CUPED: the adjusted moments to feed any test, and how much variance the covariate removed. */
export interface CupedVariant {
  adjusted: Moments;
  unadjusted: Moments;
  /** 1 − s²_adjusted / s²_unadjusted for this variant (0 when the covariate explains nothing). */
  varianceReduction: number;
}

/** CUPED over all variants of one metric. */
export interface CupedResult {
  /** θ = pooled within-variant cov(X, Y) / var(X). */
  theta: number;
  /** Overall mean of X across variants, the centring point. */
  covariateMean: number;
  variants: CupedVariant[];
}

/**
 * Adjusts each variant's metric Y by its covariate X (e.g. the same user's value in the weeks before):
 *   S_xx = Σx² − (Σx)²/n, S_xy = Σxy − Σx·Σy/n, S_yy = Σy² − (Σy)²/n   (per variant, centred)
 *   θ = Σ_v S_xy / Σ_v S_xx                                              (pooled within variants)
 *   adjusted mean_v = ȳ_v − θ·(x̄_v − x̄)                                  (x̄ over all variants)
 *   adjusted s²_v = (S_yy − 2θ·S_xy + θ²·S_xx) / (n_v − 1).
 * θ pooled within variants, not from the raw pooled data, so a treatment effect on Y cannot leak into θ; one θ for
 * all variants of the metric (GrowthBook fits one per control–treatment pair, from the pair's pooled data). The
 * adjusted difference stays unbiased because X is measured before assignment (E[x̄_T − x̄_C] = 0); θ is treated as
 * known (its estimation error is O(1/n) and ignored, as in the paper). The variance falls by about corr(X, Y)².
 * Returns null when a variant lacks the covariate sums; θ = 0 (no adjustment) when X does not vary. Each adjusted
 * Moments carries its CupedTerms, which the relative effect's delta method needs (its denominator is the control's
 * unadjusted mean, as in GrowthBook).
 */
export function cupedAdjust(summaries: readonly MetricSummary[]): CupedResult | null {
  if (summaries.length === 0 || summaries.some((s) => !s.cuped)) return null;
  let sxxTotal = 0;
  let sxyTotal = 0;
  let sumX = 0;
  let n = 0;
  const centred = summaries.map((s) => {
    const c = s.cuped!;
    const sxx = s.n > 0 ? Math.max(0, c.sumXSquares - (c.sumX * c.sumX) / s.n) : 0;
    const sxy = s.n > 0 ? c.sumXY - (c.sumX * s.sum) / s.n : 0;
    const syy = s.n > 0 ? Math.max(0, s.sumSquares - (s.sum * s.sum) / s.n) : 0;
    sxxTotal += sxx;
    sxyTotal += sxy;
    sumX += c.sumX;
    n += s.n;
    return { sxx, sxy, syy };
  });
  const theta = sxxTotal > 0 ? sxyTotal / sxxTotal : 0;
  const covariateMean = n > 0 ? sumX / n : 0;
  const variants = summaries.map((s, i) => {
    const unadjusted = momentsOf(s);
    const { sxx, sxy, syy } = centred[i]!;
    if (s.n < 1) return { adjusted: unadjusted, unadjusted, varianceReduction: 0 };
    const xMean = s.cuped!.sumX / s.n;
    const residual = Math.max(0, syy - 2 * theta * sxy + theta * theta * sxx);
    const variance = s.n > 1 ? residual / (s.n - 1) : 0;
    const perUnit = (centredSum: number) => (s.n > 1 ? centredSum / (s.n - 1) : 0);
    const adjusted: Moments = {
      n: s.n,
      mean: unadjusted.mean - theta * (xMean - covariateMean),
      variance,
      cuped: {
        theta,
        unadjustedMean: unadjusted.mean,
        unadjustedVariance: unadjusted.variance,
        covariateVariance: perUnit(sxx),
        covariance: perUnit(sxy),
      },
    };
    const varianceReduction = unadjusted.variance > 0 ? 1 - variance / unadjusted.variance : 0;
    return { adjusted, unadjusted, varianceReduction };
  });
  return { theta, covariateMean, variants };
}
