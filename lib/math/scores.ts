/**
 * Proper scores for judging predictions against what happened: the interval score of a central interval, the Brier
 * score and a calibration table of probabilities, and how much of a total the top share of a ranking captures.
 * Backtests (lib/analysis/backtest) and experiments use these same definitions. Pure.
 */

/**
 * Gneiting & Raftery (2007), eq. 43: the interval score of a central (1 − α) interval [low, high] for the outcome y,
 * (high − low) + (2/α)(low − y)⁺ + (2/α)(y − high)⁺. Lower is better; in y's unit. It is proper: the forecaster's
 * best is to give the true α/2 and 1 − α/2 quantiles, so a wider window cannot win by being wide, nor a narrow one
 * by being narrow.
 */
export function intervalScore(low: number, high: number, y: number, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), not ${alpha}`);
  if (!(high >= low)) throw new RangeError(`the interval [${low}, ${high}] is empty`);
  const penalty = 2 / alpha;
  return high - low + penalty * Math.max(0, low - y) + penalty * Math.max(0, y - high);
}

export interface CalibrationBin {
  /** Predicted probability range [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  count: number;
  /** Mean prediction and share of outcomes that happened in the bin; 0 when the bin is empty. */
  meanPredicted: number;
  observed: number;
}

/** Brier score (mean squared difference between probability and 0/1 outcome): 0 is perfect, 0.25 a coin toss. */
export function brierScore(pairs: readonly (readonly [p: number, y: 0 | 1 | number])[]): number {
  if (!pairs.length) return NaN;
  let sum = 0;
  for (const [p, y] of pairs) sum += (p - y) ** 2;
  return sum / pairs.length;
}

/** Predictions in `bins` equal-width bins with their mean prediction and observed rate. */
export function calibrationBins(
  pairs: readonly (readonly [p: number, y: number])[],
  bins = 10,
): CalibrationBin[] {
  const out: CalibrationBin[] = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    meanPredicted: 0,
    observed: 0,
  }));
  for (const [p, y] of pairs) {
    const bin = out[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))]!;
    bin.count++;
    bin.meanPredicted += p;
    bin.observed += y;
  }
  for (const b of out)
    if (b.count) {
      b.meanPredicted /= b.count;
      b.observed /= b.count;
    }
  return out;
}

/**
 * The share of the actual total that the top `share` of items, ranked by `score` (highest first), account for:
 * e.g. the holdout revenue captured by the top decile of predicted value. Ties in the score are broken by the
 * lower actual value first, so a ranking that cannot tell items apart gets no credit for luck. NaN when the total is 0.
 */
export function topShareCapture(items: readonly { score: number; actual: number }[], share = 0.1): number {
  const total = items.reduce((s, i) => s + i.actual, 0);
  if (!(total > 0)) return NaN;
  const top = Math.ceil(items.length * share);
  const ranked = [...items].sort((a, b) => b.score - a.score || a.actual - b.actual);
  return ranked.slice(0, top).reduce((s, i) => s + i.actual, 0) / total;
}

/** The q-quantile (0–1) of ascending values by linear interpolation between order statistics (R's type 7). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The median of any values (NaN when there are none). */
export const median = (values: readonly number[]) =>
  quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
