/**
 * The sums the engine refuses: those no set of real observations can produce. Each check is an identity every
 * data set satisfies, so a violation means a bug or corruption upstream, and any number computed from such sums
 * would be wrong while looking right (a clamped negative variance turns into a standard error of almost 0 and a
 * p-value of 0). GrowthBook refuses the same inputs (`ZERO_NEGATIVE_VARIANCE`); the checks here also cover the
 * CUPED and ratio cross terms.
 */
import { ROUNDING, type MetricSummary, type SummaryKind } from './summaries';

const format = (value: number) =>
  Number(value.toPrecision(7)).toLocaleString('en', { maximumFractionDigits: 6 });

/** Σ(v − v̄)² from the sums, and why it is impossible (negative beyond rounding; or non-zero for one observation). */
function spread(
  sumSquares: number,
  sum: number,
  n: number,
  name: string,
): { centred: number; problem: string | null } {
  const squareOfSum = (sum * sum) / n;
  const centred = sumSquares - squareOfSum;
  const slack = ROUNDING * Math.max(Math.abs(sumSquares), squareOfSum);
  if (centred < -slack) {
    return {
      centred,
      problem:
        `Σ${name}² = ${format(sumSquares)} is less than (Σ${name})²/n = ${format(squareOfSum)} with n = ${n}, ` +
        'which would make the variance negative',
    };
  }
  if (n === 1 && Math.abs(centred) > slack) {
    return {
      centred,
      problem: `one observation needs Σ${name}² = (Σ${name})², got ${format(sumSquares)} and ${format(squareOfSum)}`,
    };
  }
  return { centred: Math.max(0, centred), problem: null };
}

/** Cauchy–Schwarz on the centred sums: |S_ab| ≤ √(S_aa·S_bb), or the implied correlation lies beyond ±1. */
function crossProblem(
  products: number,
  a: { sum: number; sumSquares: number; centred: number },
  b: { sum: number; sumSquares: number; centred: number },
  n: number,
  what: string,
): string | null {
  const centred = products - (a.sum * b.sum) / n;
  const bound = Math.sqrt(a.centred * b.centred);
  const slack = ROUNDING * Math.sqrt(Math.abs(a.sumSquares) * Math.abs(b.sumSquares));
  if (Math.abs(centred) <= bound + slack) return null;
  return `the cross term ${what} implies a correlation beyond ±1 (|${format(centred)}| > ${format(bound)})`;
}

/**
 * Why a summary cannot be read as `kind`, or null when it can. Refused: a count that is not a non-negative integer;
 * non-finite sums; sums without observations; Σy² < (Σy)²/n (a negative variance, beyond rounding); likewise for the
 * covariate's and the denominator's sums; cross terms implying a correlation beyond ±1; a proportion whose
 * successes are not an integer in 0…n or whose sumSquares ≠ sum; a ratio without its denominator's sums.
 */
export function summaryProblem(summary: MetricSummary, kind: SummaryKind): string | null {
  const { n, sum, sumSquares, cuped, ratio } = summary;
  if (!Number.isInteger(n) || n < 0) return `n must be a non-negative integer (got ${n})`;
  const sums = [
    sum,
    sumSquares,
    ...(cuped ? Object.values(cuped) : []),
    ...(ratio ? Object.values(ratio) : []),
  ];
  if (!sums.every(Number.isFinite)) return 'every sum must be a finite number';
  if (sumSquares < 0) return `Σy² cannot be negative (got ${format(sumSquares)})`;
  if (n === 0)
    return sums.every((v) => v === 0) ? null : 'there are no observations (n = 0) but the sums are not 0';
  if (kind === 'proportion') {
    if (!Number.isInteger(sum) || sum < 0 || sum > n)
      return `successes must be an integer in 0…n (got ${sum} of ${n})`;
    if (sumSquares !== sum) return 'a proportion needs sumSquares = sum (each observation is 0 or 1)';
  }
  const y = spread(sumSquares, sum, n, 'y');
  if (y.problem) return y.problem;
  const metric = { sum, sumSquares, centred: y.centred };
  if (cuped) {
    const x = spread(cuped.sumXSquares, cuped.sumX, n, 'x');
    if (x.problem) return `CUPED covariate: ${x.problem}`;
    const covariate = { sum: cuped.sumX, sumSquares: cuped.sumXSquares, centred: x.centred };
    const cross = crossProblem(cuped.sumXY, covariate, metric, n, 'Σxy');
    if (cross) return `CUPED covariate: ${cross}`;
  }
  if (kind === 'ratio') {
    if (!ratio) return 'a ratio metric needs its denominator sums (Σd, Σd², Σyd)';
    const d = spread(ratio.sumDenSquares, ratio.sumDen, n, 'd');
    if (d.problem) return `denominator: ${d.problem}`;
    const denominator = { sum: ratio.sumDen, sumSquares: ratio.sumDenSquares, centred: d.centred };
    const cross = crossProblem(ratio.sumNumDen, metric, denominator, n, 'Σyd');
    if (cross) return `numerator and denominator: ${cross}`;
  }
  return null;
}
