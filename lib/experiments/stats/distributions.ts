/**
 * Normal, Student t and chi-square distribution functions. Pure; the accuracy targets are stated per function and
 * checked against scipy/R values in tests/unit/experiments-stats-distributions.test.ts.
 */
import { lnBeta, regularizedIncompleteBeta, regularizedUpperGamma } from '../../math/special-functions';
import { normalCdf, normalPdf, normalQuantile } from '../../math/normal';

// The normal distribution lives in lib/math (the analysis models use it too); re-exported for the engine's callers.
export { normalCdf, normalPdf, normalQuantile } from '../../math/normal';

// From here on the Cornish–Fisher series is accurate to ~1e-13 for |t| ≤ 40, while the incomplete beta's
// continued fraction loses digits (its terms cancel near x = ν/(ν + t²) ≈ 1).
const LARGE_DF = 1e5;

/** Cornish–Fisher expansion of the t quantile in 1/ν from the normal quantile z (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, nu: number): number {
  const z2 = z * z;
  const g1 = (z2 + 1) * z * 0.25;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z * (1 / 96);
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z * (1 / 384);
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z * (1 / 92160);
  return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu;
}

/**
 * Student t CDF with ν > 0 degrees of freedom: P(T ≤ t) = ½·I_{ν/(ν+t²)}(ν/2, ½) for t < 0 (mirror for t > 0).
 * ν = Infinity gives the normal CDF. For ν ≥ 10⁵ and |t| ≤ 40 the Cornish–Fisher series is inverted instead
 * (find z with t = CF(z), answer Φ(z)). Relative error ~1e-12 for ν up to 10¹² (Welch df reach 10⁷ at 10⁷ users).
 * For small two-sided p-values call 2·studentTCdf(−|t|, ν): the lower tail is computed without cancellation.
 */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const nu = degreesOfFreedom;
  if (Number.isNaN(t) || !(nu > 0)) return NaN;
  if (nu === Infinity) return normalCdf(t);
  if (t === 0) return 0.5;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  if (nu >= LARGE_DF && Math.abs(t) <= 40) {
    // Fixed-point/Newton on z; the derivative 1 + (3z² + 1)/(4ν) drops O(1/ν²) terms, enough for fast convergence.
    let z = t;
    for (let i = 0; i < 8; i++) {
      const step = (cornishFisher(z, nu) - t) / (1 + (3 * z * z + 1) / (4 * nu));
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    return normalCdf(z);
  }
  const t2 = t * t;
  const x = nu / (nu + t2);
  const complement = t2 / (nu + t2);
  const tail = 0.5 * regularizedIncompleteBeta(x, nu / 2, 0.5, complement);
  return t > 0 ? 1 - tail : tail;
}

/** Student t density with ν degrees of freedom. */
function studentTPdf(t: number, degreesOfFreedom: number): number {
  const nu = degreesOfFreedom;
  if (nu === Infinity) return normalPdf(t);
  return Math.exp(-0.5 * Math.log(nu) - lnBeta(nu / 2, 0.5) - ((nu + 1) / 2) * Math.log1p((t * t) / nu));
}

/**
 * Student t quantile: the t with P(T ≤ t) = p, for 0 < p < 1 and ν > 0.
 * Closed forms for ν = 1 and 2; otherwise a Cornish–Fisher start refined by Newton steps on the lower tail, kept inside a bracket (bisection if a step leaves it). Relative error ~1e-12.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const nu = degreesOfFreedom;
  if (Number.isNaN(p) || p < 0 || p > 1 || !(nu > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (nu === Infinity) return normalQuantile(p);
  // −cot(πp) rather than tan(π(p − ½)): the subtraction would lose digits in the far tails.
  if (nu === 1) return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // Work in the lower tail, where the CDF is convex: Newton steps from the right never overshoot the root.
  const lower = Math.min(p, 1 - p);
  const sign = p < 0.5 ? 1 : -1;
  const z = normalQuantile(lower);
  let t = cornishFisher(z, nu);
  if (!(t < 0)) t = z;
  let low = -Infinity;
  let high = 0;
  for (let i = 0; i < 200; i++) {
    const gap = studentTCdf(t, nu) - lower;
    if (gap > 0) high = Math.min(high, t);
    else low = Math.max(low, t);
    let next = t - gap / studentTPdf(t, nu);
    if (!(next > low && next < high)) next = Number.isFinite(low) ? (low + high) / 2 : 2 * t - 1;
    const step = Math.abs(next - t);
    t = next;
    if (step <= 1e-13 * Math.max(1, Math.abs(t))) break;
  }
  return sign * t;
}

/**
 * Chi-square survival function P(χ²_k > x) = Q(k/2, x/2) (regularized upper incomplete gamma), k > 0, x ≥ 0.
 * Relative error ~1e-14; used for the sample-ratio-mismatch p-value, so small tails matter.
 */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (Number.isNaN(x) || !(degreesOfFreedom > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedUpperGamma(degreesOfFreedom / 2, x / 2);
}
