/**
 * The one home of the special functions the statistics engine and the purchase models share: log-gamma, log-beta,
 * the regularized incomplete beta and gamma functions, log-sum-exp and Gauss's hypergeometric function. Pure; no
 * imports. Accurate at large arguments too (Welch degrees of freedom reach 10⁷).
 */

// Lanczos approximation (g = 7, n = 9): ~15 significant digits for moderate x.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);
// Above this, Stirling's series (five terms) is accurate to ~1e-14 and lets large-argument differences be taken
// without cancelling two numbers of size x·ln x.
const STIRLING_FROM = 10;
const EPSILON = 1e-15;
const TINY = 1e-300;

/** Stirling's correction ω(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], by its asymptotic series (x ≥ 10). */
function stirlingCorrection(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
}

/**
 * ln Γ(x) for x > 0.
 * Lanczos (g = 7) below 10, Stirling's series with five correction terms from 10 up; relative error ~1e-15.
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x >= STIRLING_FROM) return (x - 0.5) * Math.log(x) - x + HALF_LN_TWO_PI + stirlingCorrection(x);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x); // reflection
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return HALF_LN_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0.
 * When the larger argument is big, ln Γ(big) − ln Γ(big + small) is taken from Stirling's series in closed form
 * (−(big − ½)·log1p(small/big) − small·ln(big + small) + small + ω(big) − ω(big + small)), which keeps full
 * precision where the direct difference of two values of ~10⁸ would lose eight digits (Student t with 10⁷ df).
 */
export function lnBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < STIRLING_FROM) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const difference =
    -(big - 0.5) * Math.log1p(small / big) -
    small * Math.log(big + small) +
    small +
    stirlingCorrection(big) -
    stirlingCorrection(big + small);
  return lnGamma(small) + difference;
}

/** Continued fraction for I_x(a, b) (modified Lentz); converges fast for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  // Needs O(√max(a, b)) steps; the cap only guards against a non-finite input looping forever.
  const maxSteps = 1000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxSteps; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b) = B(x; a, b) / B(a, b) for 0 ≤ x ≤ 1, a, b > 0.
 * `complement` is 1 − x computed by the caller without rounding (e.g. t²/(ν + t²) beside ν/(ν + t²)); passing it
 * keeps the far tails accurate. Continued fraction of Numerical Recipes §6.4, on whichever side converges.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, complement = 1 - x): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (complement <= 0 || x >= 1) return 1;
  const lnX = x > 0.5 ? Math.log1p(-complement) : Math.log(x);
  const lnY = complement > 0.5 ? Math.log1p(-x) : Math.log(complement);
  const front = Math.exp(a * lnX + b * lnY - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(complement, b, a)) / b;
}

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) for a > 0, x ≥ 0.
 * Series for P = 1 − Q below x = a + 1, Lentz continued fraction above (Numerical Recipes §6.2).
 */
export function regularizedUpperGamma(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const lnFront = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnFront));
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(lnFront) * h;
}

/** ln(e^x + e^y) without overflow. */
export function logSumExp(x: number, y: number): number {
  const m = Math.max(x, y);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series (terms computed as ratios, summed until
 * they stop mattering). The BG/NBD expectations use it with z = t / (α + T + t) < 1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 needs 0 <= z < 1 (got ${z})`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-15 * Math.abs(sum)) return sum;
  }
  return sum;
}
