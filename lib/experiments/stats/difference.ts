/**
 * The point estimates and standard errors every two-sample test shares: absolute difference with the Welch
 * standard error and degrees of freedom, relative difference (ȳ_T − ȳ_C)/|ȳ_C| with the delta-method standard error.
 */
import type { Moments } from './summaries';
import type { EffectInterval, InsufficientData, Refusal } from './types';

/** An estimate and its standard error. */
export interface PointEstimate {
  estimate: number;
  standardError: number;
}

/** The shared part of a treatment-vs-control comparison, before any test chooses its critical value. */
export interface Difference {
  status: 'ok';
  absolute: PointEstimate;
  relative: PointEstimate | null;
  relativeUnavailable: string | null;
  degreesOfFreedom: number;
  /** n_control + n_treatment: the sequential test's clock. */
  totalN: number;
}

/** Why moments cannot come from data (a negative variance, a fractional count), or null. */
function momentsProblem(name: string, m: Moments): string | null {
  if (![m.n, m.mean, m.variance].every(Number.isFinite))
    return `the ${name}'s moments hold non-finite numbers`;
  if (!Number.isInteger(m.n) || m.n < 0) return `the ${name}'s n must be a non-negative integer (got ${m.n})`;
  if (m.variance < 0) {
    const shown = Number(m.variance.toPrecision(6)).toLocaleString('en', { maximumFractionDigits: 6 });
    return `the ${name}'s variance is negative (${shown}, i.e. Σy² < (Σy)²/n), which no data can give`;
  }
  return null;
}

/**
 * Var[(ȳ_T − ȳ_C)/|b|] by the delta method, b the control's unadjusted mean (GrowthBook's formula):
 *   Var ≈ s²_T/(n_T·b²) + [ȳ_T²·s²_C/b² − 2ȳ_T·θ·s_xy,C/b + θ²·s²_x,C] / (n_C·b²)
 * with s²_T the treatment's (CUPED-adjusted) variance, ȳ_T its unadjusted mean, and s²_C, s²_x,C, s_xy,C the
 * control's raw variances and covariance (the gradient's control terms; GrowthBook evaluates the ∂/∂ȳ_C term at ȳ_T,
 * which differs from the adjusted treatment mean by θ(x̄_T − x̄_C), negligible after randomisation). Without CUPED
 * (θ = 0) it is s²_T/(n_T·ȳ_C²) + ȳ_T²·s²_C/(n_C·ȳ_C⁴). Only even powers of b appear, so a negative control mean
 * changes only the estimate's sign.
 */
function relativeVariance(control: Moments, treatment: Moments, base: number): number {
  const c = control.cuped;
  const theta = c?.theta ?? 0;
  const varianceY = c?.unadjustedVariance ?? control.variance;
  const treated = treatment.cuped?.unadjustedMean ?? treatment.mean;
  const controlPart =
    (treated * treated * varianceY) / (base * base) -
    (2 * treated * theta * (c?.covariance ?? 0)) / base +
    theta * theta * (c?.covariateVariance ?? 0);
  return (
    treatment.variance / (treatment.n * base * base) + Math.max(0, controlPart) / (control.n * base * base)
  );
}

/**
 * Treatment − control from two variants' moments.
 * Absolute: Δ = x̄_T − x̄_C, SE = √(s²_T/n_T + s²_C/n_C), Welch–Satterthwaite
 * ν = SE⁴ / [(s²_T/n_T)²/(n_T − 1) + (s²_C/n_C)²/(n_C − 1)].
 * Relative: r = Δ/|b| with b the control's unadjusted mean (GrowthBook's definition, so a metric below 0 that
 * improves gets a positive r), with the delta-method standard error of relativeVariance().
 * Assumes independent observations within and between variants. Refuses moments no data can give; answers
 * "insufficient data" when a variant has fewer than 2 observations or both variances are 0. The relative part is
 * null, with the reason, when the control mean is 0 (undefined) or when its standard error would be 0 (every
 * treatment observation 0: "−100 %" with no uncertainty); the absolute effect is reported either way.
 */
export function differenceOf(control: Moments, treatment: Moments): Difference | InsufficientData | Refusal {
  const problem = momentsProblem('control', control) ?? momentsProblem('treatment', treatment);
  if (problem) return { status: 'refused', reason: problem };
  if (control.n < 2 || treatment.n < 2) {
    const which = control.n < 2 ? `control has ${control.n}` : `treatment has ${treatment.n}`;
    return { status: 'insufficient-data', reason: `each variant needs at least 2 observations (${which})` };
  }
  const vc = control.variance / control.n;
  const vt = treatment.variance / treatment.n;
  if (!(vc + vt > 0)) {
    return {
      status: 'insufficient-data',
      reason:
        'every observation in both variants has the same value, so there is no variance to test against',
    };
  }
  const se = Math.sqrt(vc + vt);
  const degreesOfFreedom = (vc + vt) ** 2 / ((vc * vc) / (control.n - 1) + (vt * vt) / (treatment.n - 1));
  const difference = treatment.mean - control.mean;
  const base = control.cuped?.unadjustedMean ?? control.mean;
  let relative: PointEstimate | null = null;
  let relativeUnavailable: string | null = null;
  if (base === 0) {
    relativeUnavailable =
      'relative effect undefined: the control mean is 0 (the absolute effect is reported)';
  } else {
    const variance = relativeVariance(control, treatment, base);
    if (variance > 0) {
      relative = { estimate: difference / Math.abs(base), standardError: Math.sqrt(variance) };
    } else {
      relativeUnavailable =
        treatment.variance === 0 && treatment.mean === 0
          ? 'relative effect not reported: every treatment observation is 0, so it would be −100 % with no ' +
            'measured uncertainty (the absolute effect is reported)'
          : 'relative effect not reported: its standard error is 0 (the absolute effect is reported)';
    }
  }
  return {
    status: 'ok',
    absolute: { estimate: difference, standardError: se },
    relative,
    relativeUnavailable,
    degreesOfFreedom,
    totalN: control.n + treatment.n,
  };
}

/** estimate ± halfWidthMultiplier·SE with the given p-value. */
export function intervalOf(
  point: PointEstimate,
  halfWidthMultiplier: number,
  pValue: number,
): EffectInterval {
  const halfWidth = halfWidthMultiplier * point.standardError;
  return {
    estimate: point.estimate,
    standardError: point.standardError,
    lower: point.estimate - halfWidth,
    upper: point.estimate + halfWidth,
    pValue: Math.min(1, Math.max(0, pValue)),
  };
}
