/**
 * The Bayesian view shown beside the frequentist result: chance to beat control and expected loss. Closed form,
 * so deterministic. It does not drive decisions: under peeking its thresholds carry no error guarantee.
 */
import { differenceOf } from './difference';
import { normalCdf, normalPdf, normalQuantile } from './distributions';
import type { Moments } from './summaries';
import type { Direction, InsufficientData, Refusal } from './types';

/** Posterior summaries for treatment against control, in the metric's unit unless named relative. */
export interface BayesianResult {
  status: 'ok';
  /** P(treatment is better than control), better meaning the metric's direction. */
  chanceToWin: number;
  /** E[max(0, −gain)]: how much is lost on average by shipping treatment if it is in fact worse. */
  riskIfShipped: number;
  /** E[max(0, gain)]: how much is lost on average by keeping control if treatment is in fact better. */
  riskIfKept: number;
  /** riskIfShipped as a fraction of |control mean| (the unadjusted one under CUPED; null when it is 0). */
  relativeRiskIfShipped: number | null;
  /** Central credible interval for treatment − control at the given mass. */
  credibleLower: number;
  credibleUpper: number;
}

/**
 * Normal approximation with a flat (improper, uninformative) prior on the difference Δ = μ_T − μ_C: the posterior
 * is Δ ~ N(Δ̂, SE²) with Δ̂ and SE the Welch estimate and standard error (GrowthBook's Bayesian engine with its
 * default uninformative prior). With gain g = Δ for higher-is-better and g = −Δ for lower-is-better, ĝ its mean:
 *   chance to win      = Φ(ĝ/SE)
 *   risk if shipped    = E[max(0, −g)] = SE·φ(ĝ/SE) − ĝ·Φ(−ĝ/SE)
 *   risk if kept       = E[max(0, g)]  = SE·φ(ĝ/SE) + ĝ·Φ(ĝ/SE)
 *   credible interval  = Δ̂ ± z_{(1+mass)/2}·SE.
 * Assumes what the Welch test does (independent users, means approximately normal). Pairwise against control:
 * with three or more variants "chance to beat control" is reported, not "chance to be best".
 */
export function bayesianComparison(
  control: Moments,
  treatment: Moments,
  direction: Direction,
  credibleMass = 0.95,
): BayesianResult | InsufficientData | Refusal {
  const difference = differenceOf(control, treatment);
  if (difference.status !== 'ok') return difference;
  const { estimate, standardError: se } = difference.absolute;
  const gain = direction === 'higher-is-better' ? estimate : -estimate;
  const z = gain / se;
  const density = se * normalPdf(z);
  // Both risks are differences of nearly equal terms far in the tails; rounding can leave a tiny negative.
  const riskIfShipped = Math.max(0, density - gain * normalCdf(-z));
  const riskIfKept = Math.max(0, density + gain * normalCdf(z));
  const zMass = normalQuantile(0.5 + credibleMass / 2);
  const base = control.cuped?.unadjustedMean ?? control.mean;
  return {
    status: 'ok',
    chanceToWin: normalCdf(z),
    riskIfShipped,
    riskIfKept,
    relativeRiskIfShipped: base === 0 ? null : riskIfShipped / Math.abs(base),
    credibleLower: estimate - zMass * se,
    credibleUpper: estimate + zMass * se,
  };
}
