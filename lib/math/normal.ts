/**
 * The standard normal distribution: density, CDF and quantile, to double precision. Pure; shared by the experiment
 * statistics (lib/experiments/stats re-exports them) and the analysis models (log-normal gaps). Checked against
 * scipy/R values in tests/unit/experiments-stats-distributions.test.ts.
 */
import { regularizedUpperGamma } from './special-functions';

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
