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

/** Why a test gave no answer yet (too few observations, no variance): more data may give one. */
export interface InsufficientData {
  status: 'insufficient-data';
  reason: string;
}

/**
 * Why a test will not answer at all: its input cannot come from real observations (sums implying a negative
 * variance, a correlation beyond ±1, a proportion's successes outside 0…n). More data of the same kind cannot fix
 * it, so it is kept apart from InsufficientData: a route can answer it with a 4xx, a page with the sentence.
 */
export interface Refusal {
  status: 'refused';
  reason: string;
}

/**
 * Treatment against control. `absolute` is treatment − control in the metric's unit; `relative` is
 * (treatment − control) / |control| (a fraction, 0.05 = +5 %; same sign as `absolute` whatever the sign of the
 * control mean), null with `relativeUnavailable` saying why.
 */
export interface ComparisonResult {
  status: 'ok';
  absolute: EffectInterval;
  relative: EffectInterval | null;
  relativeUnavailable: string | null;
  /** Welch–Satterthwaite degrees of freedom; null for the sequential test, which is normal theory. */
  degreesOfFreedom: number | null;
}

export type Comparison = ComparisonResult | InsufficientData | Refusal;
