/**
 * Power, sample size and minimum detectable effect (MDE) for two equal-sized variants, two-sided, for means and
 * proportions, for the fixed-horizon test or the sequential one. The three are exact inverses of one formula:
 *   effect = (c + z_{1−β}) · √(V / n),   power = Φ(effect/√(V/n) − c) + Φ(−effect/√(V/n) − c)
 * with n users per variant, V the sum of the two variants' per-user variances, and c the critical value:
 * z_{1−α/2} for the fixed test; for the sequential test its multiplier m(N) at N = 2n with ρ tuned to the planned
 * size (at the plan itself m is a constant of α: 3.04 for α = 0.05, so it needs about 1.9× the users of the fixed
 * test for the same power; it may stop far earlier when the effect is large). Normal approximation throughout.
 */
import { normalCdf, normalQuantile } from './distributions';
import { sequentialMultiplier, sequentialRho } from './sequential';

/** Options shared by the power functions. */
export interface PowerOptions {
  /** Two-sided level (default 0.05). */
  alpha?: number;
  /** Target power 1 − β (default 0.8). */
  power?: number;
  /** Which test the plan is for (default 'fixed'). */
  test?: 'fixed' | 'sequential';
  /** Sequential only: the planned users per variant that tuned ρ (default: the n in question, i.e. at the plan). */
  plannedPerVariant?: number;
}

/** The test's critical value in standard errors at n users per variant. */
export function criticalValue(nPerVariant: number, options: PowerOptions = {}): number {
  const alpha = options.alpha ?? 0.05;
  if (options.test !== 'sequential') return normalQuantile(1 - alpha / 2);
  const planned = options.plannedPerVariant ?? nPerVariant;
  return sequentialMultiplier(2 * nPerVariant, sequentialRho(alpha, 2 * planned), alpha);
}

/** At the plan the sequential multiplier depends on α alone (Nρ² is fixed), so sample sizes need no iteration. */
function criticalValueAtPlan(options: PowerOptions): number {
  return criticalValue(1, { ...options, plannedPerVariant: 1 });
}

// ⌈x⌉ without letting floating-point noise (n·(1 + 1e-16)) push an exact n to n + 1.
const ceilSize = (x: number) => Math.ceil(x * (1 - 1e-12));

function zPower(options: PowerOptions): number {
  return normalQuantile(options.power ?? 0.8);
}

function powerFrom(effect: number, standardError: number, critical: number): number {
  if (!(standardError > 0)) return effect === 0 ? 0 : 1;
  const z = Math.abs(effect) / standardError;
  return normalCdf(z - critical) + normalCdf(-z - critical);
}

/**
 * Users per variant to detect an absolute difference `effect` in a mean whose per-user standard deviation is `sd`
 * (same in both variants): n = ⌈2·sd²·(c + z_{1−β})² / effect²⌉, c taken at the plan.
 */
export function sampleSizeForMeans(effect: number, sd: number, options: PowerOptions = {}): number {
  const k = criticalValueAtPlan(options) + zPower(options);
  return ceilSize((2 * sd * sd * k * k) / (effect * effect));
}

/** The smallest absolute difference in means detectable with n users per variant: (c + z_{1−β})·sd·√(2/n). */
export function minimumDetectableEffectForMeans(
  nPerVariant: number,
  sd: number,
  options: PowerOptions = {},
): number {
  return (criticalValue(nPerVariant, options) + zPower(options)) * sd * Math.sqrt(2 / nPerVariant);
}

/** Power to detect an absolute difference `effect` in means with n users per variant and per-user sd `sd`. */
export function powerForMeans(
  nPerVariant: number,
  effect: number,
  sd: number,
  options: PowerOptions = {},
): number {
  return powerFrom(effect, sd * Math.sqrt(2 / nPerVariant), criticalValue(nPerVariant, options));
}

/** V for two proportions: p(1 − p) + (p + δ)(1 − p − δ), the unpooled variance the Welch test uses. */
function proportionVariance(baseline: number, effect: number): number {
  const treated = baseline + effect;
  return baseline * (1 - baseline) + treated * (1 - treated);
}

/**
 * Users per variant to detect a change `effect` (absolute, e.g. 0.02 for 10 % → 12 %) from a `baseline`
 * proportion: n = ⌈(c + z_{1−β})²·[p(1 − p) + (p + δ)(1 − p − δ)] / δ²⌉ (unpooled, matching the test).
 */
export function sampleSizeForProportions(
  baseline: number,
  effect: number,
  options: PowerOptions = {},
): number {
  const k = criticalValueAtPlan(options) + zPower(options);
  return ceilSize((k * k * proportionVariance(baseline, effect)) / (effect * effect));
}

/**
 * The smallest upward change from `baseline` detectable with n users per variant: the positive root of
 * (1 + k)δ² − k(1 − 2p)δ − 2k·p(1 − p) = 0 with k = (c + z_{1−β})²/n, capped at 1 − p.
 */
export function minimumDetectableEffectForProportions(
  nPerVariant: number,
  baseline: number,
  options: PowerOptions = {},
): number {
  const p = baseline;
  const k = (criticalValue(nPerVariant, options) + zPower(options)) ** 2 / nPerVariant;
  const b = k * (1 - 2 * p);
  const root = (b + Math.sqrt(b * b + 8 * k * (1 + k) * p * (1 - p))) / (2 * (1 + k));
  return Math.min(root, 1 - p);
}

/** Power to detect a change `effect` from a `baseline` proportion with n users per variant. */
export function powerForProportions(
  nPerVariant: number,
  baseline: number,
  effect: number,
  options: PowerOptions = {},
): number {
  const standardError = Math.sqrt(proportionVariance(baseline, effect) / nPerVariant);
  return powerFrom(effect, standardError, criticalValue(nPerVariant, options));
}
