/**
 * The point estimates and standard errors every two-sample test shares: absolute difference with the Welch
 * standard error and degrees of freedom, relative difference with the delta-method standard error.
 */
import type { Moments } from './summaries';
import type { EffectInterval, InsufficientData } from './types';

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

/**
 * Treatment − control from two variants' moments.
 * Absolute: Δ = x̄_T − x̄_C, SE = √(s²_T/n_T + s²_C/n_C), Welch–Satterthwaite
 * ν = SE⁴ / [(s²_T/n_T)²/(n_T − 1) + (s²_C/n_C)²/(n_C − 1)].
 * Relative: r = x̄_T/x̄_C − 1 with the delta-method variance s²_T/(n_T·x̄_C²) + x̄_T²·s²_C/(n_C·x̄_C⁴) (first-order
 * Taylor expansion of the ratio of two independent, asymptotically normal means).
 * Assumes independent observations within and between variants. Answers "insufficient data" when a variant has
 * fewer than 2 observations or both variances are 0; the relative part is null when the control mean is 0.
 */
export function differenceOf(control: Moments, treatment: Moments): Difference | InsufficientData {
  const values = [control.n, control.mean, control.variance, treatment.n, treatment.mean, treatment.variance];
  if (!values.every(Number.isFinite)) {
    return { status: 'insufficient-data', reason: 'the summaries hold non-finite numbers' };
  }
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
  let relative: PointEstimate | null = null;
  let relativeUnavailable: string | null = null;
  if (control.mean === 0) {
    relativeUnavailable = 'the control mean is 0, so a relative change is undefined';
  } else {
    const mc = control.mean;
    const variance = vt / (mc * mc) + (treatment.mean * treatment.mean * vc) / mc ** 4;
    relative = { estimate: treatment.mean / mc - 1, standardError: Math.sqrt(variance) };
  }
  return {
    status: 'ok',
    absolute: { estimate: treatment.mean - control.mean, standardError: se },
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
