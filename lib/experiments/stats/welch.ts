/**
 * Fixed-horizon tests: Welch's t-test on means, and the same machinery on Bernoulli summaries for proportions.
 * Valid when the data are read once, at a sample size fixed in advance; peeking needs the sequential test.
 */
import { differenceOf, intervalOf, type PointEstimate } from './difference';
import { studentTCdf, studentTQuantile } from './distributions';
import { momentsOf, type MetricSummary, type Moments } from './summaries';
import { summaryProblem } from './summary-problems';
import type { Comparison } from './types';

/**
 * Welch's two-sample t-test of treatment against control.
 * t = Δ/SE with ν Welch–Satterthwaite degrees of freedom (see differenceOf); interval Δ ± t_{1−α/2, ν}·SE;
 * two-sided p = 2·F_ν(−|t|). The relative effect r = (x̄_T − x̄_C)/|x̄_C| uses the delta-method SE with the same ν
 * (as GrowthBook does), so its interval and p-value can differ slightly from the absolute one's.
 * Assumes independent observations and means close enough to normal (the CLT; fine from a few dozen observations
 * per variant unless the metric is very skewed). `alpha` is the two-sided level (default 0.05).
 */
export function welchTest(control: Moments, treatment: Moments, alpha = 0.05): Comparison {
  const difference = differenceOf(control, treatment);
  if (difference.status !== 'ok') return difference;
  const nu = difference.degreesOfFreedom;
  const critical = studentTQuantile(1 - alpha / 2, nu);
  const interval = (point: PointEstimate) =>
    intervalOf(point, critical, 2 * studentTCdf(-Math.abs(point.estimate / point.standardError), nu));
  return {
    status: 'ok',
    absolute: interval(difference.absolute),
    relative: difference.relative ? interval(difference.relative) : null,
    relativeUnavailable: difference.relativeUnavailable,
    degreesOfFreedom: nu,
  };
}

/**
 * Two proportions (conversion, "bought in the predicted window") from Bernoulli summaries.
 * This is Welch's test on the 0/1 observations, not the pooled two-proportion z-test: the variance per variant is
 * the unbiased n·p̂(1 − p̂)/(n − 1), so SE = √(p̂_T(1 − p̂_T)/(n_T − 1) + p̂_C(1 − p̂_C)/(n_C − 1)), which is the
 * unpooled z-test's SE up to n/(n − 1) and gives the same p-values to 3 decimals from a few hundred observations.
 * One machinery means the sequential test, CUPED and the Bayesian view treat proportions exactly like means.
 * (GrowthBook uses the biased p̂(1 − p̂) instead; see docs/statistics.md, "Differences from GrowthBook".)
 * Refuses, with the reason, a summary that is not a proportion (sum not an integer in 0…n, or sumSquares ≠ sum).
 */
export function proportionTest(control: MetricSummary, treatment: MetricSummary, alpha = 0.05): Comparison {
  for (const [name, summary] of [
    ['control', control],
    ['treatment', treatment],
  ] as const) {
    const problem = summaryProblem(summary, 'proportion');
    if (problem) return { status: 'refused', reason: `the ${name} summary is not a proportion: ${problem}` };
  }
  return welchTest(momentsOf(control), momentsOf(treatment), alpha);
}
