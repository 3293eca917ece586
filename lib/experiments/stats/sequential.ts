/**
 * Always-valid inference: the asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy & Ramdas
 * ("Time-uniform central limit theory and asymptotic confidence sequences", Annals of Statistics 2024), built on
 * Robbins' normal-mixture boundary (Howard et al., Annals of Statistics 2021). It is the construction GrowthBook
 * documents for its sequential testing; Eppo's sequential mode belongs to the same family.
 *
 * Why it is valid under peeking: with S_N the sum of N standardized observations, the mixture over λ ~ N(0, ρ²) of
 * exp(λS_N − λ²N/2) is M_N = exp(ρ²S_N² / (2(Nρ² + 1))) / √(Nρ² + 1), a non-negative martingale with M_0 = 1.
 * Ville's inequality gives P(∃N: M_N ≥ 1/α) ≤ α, so the set of effects with M_N < 1/α covers the truth at every
 * N simultaneously: looking after every user, or stopping whenever the interval excludes 0, keeps the error ≤ α.
 */
import { differenceOf, intervalOf, type PointEstimate } from './difference';
import type { Moments } from './summaries';
import type { Comparison } from './types';

/**
 * The mixture tuning ρ that makes the confidence sequence narrowest at the planned total sample N*:
 * ρ = √[(−2 ln α + ln(1 − 2 ln α)) / N*] (Waudby-Smith et al.'s choice, also GrowthBook's). Any ρ fixed before the data keeps the
 * guarantee; a good one only makes the interval tighter near N*. `plannedTotal` counts both compared variants.
 */
export function sequentialRho(alpha: number, plannedTotal: number): number {
  const logAlpha = Math.log(alpha);
  return Math.sqrt((-2 * logAlpha + Math.log(1 - 2 * logAlpha)) / Math.max(1, plannedTotal));
}

/**
 * The sequential interval's half-width in standard errors at total sample N:
 * m(N) = √[ 2(Nρ² + 1)/(Nρ²) · ln(√(Nρ² + 1)/α) ].
 * It replaces the fixed test's z_{1−α/2} ≈ 1.96. At the planned N* (Nρ² = −2 ln α + ln(1 − 2 ln α)) it is a
 * constant of α alone: 3.04 for α = 0.05. Larger before N* (early looks are paid for) and it grows like √ln N after.
 */
export function sequentialMultiplier(totalN: number, rho: number, alpha: number): number {
  const v = totalN * rho * rho;
  return Math.sqrt(((2 * (v + 1)) / v) * Math.log(Math.sqrt(v + 1) / alpha));
}

/**
 * Always-valid two-sided p-value for an effect z = estimate/SE at total sample N: p = min(1, 1/M_N) with
 * M_N = exp(v·z² / (2(v + 1))) / √(v + 1), v = Nρ². p ≤ α exactly when the confidence sequence at level α
 * (same ρ) excludes 0, so the p-value and the interval never disagree. Valid at any stopping time.
 */
export function sequentialPValue(z: number, totalN: number, rho: number): number {
  const v = totalN * rho * rho;
  const logMartingale = (v * z * z) / (2 * (v + 1)) - 0.5 * Math.log1p(v);
  return Math.min(1, Math.exp(-logMartingale));
}

/** Options of the sequential test: the two-sided level and the planned size of the two compared variants. */
export interface SequentialOptions {
  /** Two-sided level (default 0.05). */
  alpha?: number;
  /** Planned n_control + n_treatment, which tunes ρ; required because ρ must be fixed before the data. */
  plannedTotal: number;
}

/**
 * Sequential test of treatment against control: interval Δ ± m(N)·SE and the always-valid p-value, with
 * N = n_C + n_T and SE the Welch standard error (see differenceOf); the relative effect (x̄_T − x̄_C)/|x̄_C| uses its
 * delta-method SE with the same m(N). With users randomised at fixed weights, N·SE² estimates the per-user variance of the
 * difference, which is what the asymptotic confidence sequence standardizes by. Assumes independent users and a variance estimate that settles (the asymptotics); the
 * simulation tests show the false-positive rate stays below α from the first look at 100 users.
 */
export function sequentialTest(control: Moments, treatment: Moments, options: SequentialOptions): Comparison {
  const alpha = options.alpha ?? 0.05;
  const difference = differenceOf(control, treatment);
  if (difference.status !== 'ok') return difference;
  const rho = sequentialRho(alpha, options.plannedTotal);
  const multiplier = sequentialMultiplier(difference.totalN, rho, alpha);
  const interval = (point: PointEstimate) =>
    intervalOf(
      point,
      multiplier,
      sequentialPValue(point.estimate / point.standardError, difference.totalN, rho),
    );
  return {
    status: 'ok',
    absolute: interval(difference.absolute),
    relative: difference.relative ? interval(difference.relative) : null,
    relativeUnavailable: difference.relativeUnavailable,
    degreesOfFreedom: null,
  };
}
