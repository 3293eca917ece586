/** Sample-ratio mismatch: are users split across variants as configured? A broken split invalidates every result. */
import { chiSquareSurvival } from './distributions';

/** The SRM check's answer. `alarm` means assignment is broken until shown otherwise. */
export interface SrmResult {
  status: 'ok' | 'alarm' | 'insufficient-data';
  /** One sentence for the page. */
  reason: string;
  chiSquare: number;
  degreesOfFreedom: number;
  /** P(a split at least this uneven | the configured weights); 1 when not computed. */
  pValue: number;
  /** Users expected per variant: total × weight / Σ weights. */
  expected: number[];
  threshold: number;
}

/**
 * Pearson chi-square goodness-of-fit of observed users per variant against the configured weights:
 * E_i = N·w_i/Σw, χ² = Σ (O_i − E_i)²/E_i with k − 1 degrees of freedom, p = P(χ²_{k−1} ≥ χ²).
 * Alarm when p < threshold (default 0.001, the usual SRM level: strict because the check runs on every look and
 * a false alarm only delays a decision). Needs at least 5 expected users in every variant for the chi-square
 * approximation; below that the answer is "insufficient data". Throws a RangeError on malformed input.
 */
export function sampleRatioMismatch(
  observed: readonly number[],
  weights: readonly number[],
  threshold = 0.001,
): SrmResult {
  if (observed.length !== weights.length || observed.length < 2) {
    throw new RangeError('The SRM check needs one weight per variant and at least two variants.');
  }
  if (!weights.every((w) => Number.isFinite(w) && w > 0)) {
    throw new RangeError('Every variant weight must be a positive number.');
  }
  if (!observed.every((o) => Number.isInteger(o) && o >= 0)) {
    throw new RangeError('Observed users per variant must be non-negative integers.');
  }
  const total = observed.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  const degreesOfFreedom = observed.length - 1;
  if (expected.some((e) => e < 5)) {
    return {
      status: 'insufficient-data',
      reason: 'Too few users yet to check the split (fewer than 5 expected in a variant).',
      chiSquare: 0,
      degreesOfFreedom,
      pValue: 1,
      expected,
      threshold,
    };
  }
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    chiSquare += ((o - e) * (o - e)) / e;
  });
  const pValue = chiSquareSurvival(chiSquare, degreesOfFreedom);
  const alarm = pValue < threshold;
  return {
    status: alarm ? 'alarm' : 'ok',
    reason: alarm
      ? `Sample ratio mismatch: users are not split as configured (p = ${pValue.toExponential(1)} < ${threshold}).`
      : `The split matches the configured weights (p = ${pValue.toFixed(3)}).`,
    chiSquare,
    degreesOfFreedom,
    pValue,
    expected,
    threshold,
  };
}
