/** Paired comparison: the same customers scored by two models (A and B), compared through their differences. */
import { intervalOf } from './difference';
import { studentTCdf, studentTQuantile } from './distributions';
import { momentsOf, type MetricSummary } from './summaries';
import type { EffectInterval, InsufficientData } from './types';

/** The paired test's answer: mean difference A − B with its interval and p-value. */
export interface PairedResult {
  status: 'ok';
  n: number;
  /** Mean of d = A − B with interval and two-sided p-value. */
  difference: EffectInterval;
  t: number;
  degreesOfFreedom: number;
}

/**
 * Paired t-test from the summary of per-customer differences d = A − B (n, Σd, Σd²):
 * d̄ = Σd/n, s_d² = (Σd² − (Σd)²/n)/(n − 1), SE = s_d/√n, t = d̄/SE with n − 1 degrees of freedom,
 * interval d̄ ± t_{1−α/2, n−1}·SE, p = 2·F_{n−1}(−|t|). Assumes the pairs are independent of each other and d̄ is
 * approximately normal. Much tighter than comparing two independent groups when A and B correlate per customer
 * (e.g. two models scoring the same customers). "Insufficient data" for n < 2 or when every d is equal.
 */
export function pairedTest(differences: MetricSummary, alpha = 0.05): PairedResult | InsufficientData {
  const { n, mean, variance } = momentsOf(differences);
  if (n < 2)
    return { status: 'insufficient-data', reason: `a paired test needs at least 2 pairs (got ${n})` };
  if (!(variance > 0)) {
    return {
      status: 'insufficient-data',
      reason: 'every pair has the same difference, so there is no variance',
    };
  }
  const standardError = Math.sqrt(variance / n);
  const degreesOfFreedom = n - 1;
  const t = mean / standardError;
  const difference = intervalOf(
    { estimate: mean, standardError },
    studentTQuantile(1 - alpha / 2, degreesOfFreedom),
    2 * studentTCdf(-Math.abs(t), degreesOfFreedom),
  );
  return { status: 'ok', n, difference, t, degreesOfFreedom };
}
