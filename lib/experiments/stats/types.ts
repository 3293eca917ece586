/** Result shapes shared by the tests. Every test answers either a result or a sentence saying why it cannot. */

/** Which way is good for a metric: accuracy and conversion go up, cost and latency go down. */
export type Direction = 'higher-is-better' | 'lower-is-better';

/** An effect with its standard error, a two-sided interval at the test's level, and its two-sided p-value. */
export interface EffectInterval {
  estimate: number;
  standardError: number;
  lower: number;
  upper: number;
  pValue: number;
}

/** Why a test gave no answer (too few observations, no variance, a control mean of 0 for a relative effect). */
export interface InsufficientData {
  status: 'insufficient-data';
  reason: string;
}

/**
 * Treatment against control. `absolute` is treatment − control in the metric's unit; `relative` is
 * treatment / control − 1 (a fraction, 0.05 = +5 %), null with `relativeUnavailable` saying why.
 */
export interface ComparisonResult {
  status: 'ok';
  absolute: EffectInterval;
  relative: EffectInterval | null;
  relativeUnavailable: string | null;
  /** Welch–Satterthwaite degrees of freedom; null for the sequential test, which is normal theory. */
  degreesOfFreedom: number | null;
}

export type Comparison = ComparisonResult | InsufficientData;
