/**
 * Normal, Student t and chi-square distribution functions. Pure; the accuracy targets are stated per function and
 * checked against scipy/R values in tests/unit/experiments-stats-distributions.test.ts.
 */
import { lnBeta, regularizedIncompleteBeta, regularizedUpperGamma } from '../../math/special-functions';

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x) = exp(−x²/2) / √(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
}

// Hart (1968) double-precision rational approximation as given by West (2005), "Better approximations to
// cumulative normal functions".
const HART_NUMERATOR = [
  3.52624965998911e-2, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871,
  221.213596169931, 220.206867912376,
];
const HART_DENOMINATOR = [
  8.83883476483184e-2, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674,
  637.333633378831, 793.826512519948, 440.413735824752,
];

function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}

/**
 * Standard normal CDF Φ(x) = P(Z ≤ x).
 * Hart's rational approximation for |x| < 3 (absolute error < 1e-16); beyond, the tail as ½·Q(½, x²/2) (regularized
 * upper incomplete gamma), which keeps ~1e-14 relative accuracy down to 1e-300 where Hart's keeps only ~1e-9.
 * For small upper-tail probabilities call normalCdf(−x) rather than 1 − normalCdf(x).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x);
  const tail =
    z < 3
      ? (Math.exp(-0.5 * z * z) * horner(HART_NUMERATOR, z)) / horner(HART_DENOMINATOR, z)
      : 0.5 * regularizedUpperGamma(0.5, 0.5 * z * z);
  return x > 0 ? 1 - tail : tail;
}

// Wichura (1988), Algorithm AS 241 (PPND16): relative accuracy about 1e-16.
const AS241_CENTRAL_NUMERATOR = [
  2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457,
  13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608,
];
const AS241_CENTRAL_DENOMINATOR = [
  5226.495278852854561, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867,
  5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1,
];
const AS241_NEAR_NUMERATOR = [
  7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258,
  3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734,
];
const AS241_NEAR_DENOMINATOR = [
  1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459,
  0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1,
];
const AS241_FAR_NUMERATOR = [
  2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093,
  0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772,
];
const AS241_FAR_DENOMINATOR = [
  2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4,
  0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1,
];

/**
 * Standard normal quantile Φ⁻¹(p): the x with Φ(x) = p, for 0 < p < 1 (−∞ at 0, +∞ at 1).
 * Wichura's AS 241 (PPND16), relative error ~1e-16.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_CENTRAL_NUMERATOR, r)) / horner(AS241_CENTRAL_DENOMINATOR, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = horner(AS241_NEAR_NUMERATOR, r) / horner(AS241_NEAR_DENOMINATOR, r);
  } else {
    r -= 5;
    x = horner(AS241_FAR_NUMERATOR, r) / horner(AS241_FAR_DENOMINATOR, r);
  }
  return q < 0 ? -x : x;
}

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
