import type { CategoryFeatures } from '../features';
import { predictCategoryTiming, type CategoryDropout } from '../models/category-timing';
import { predictNextPurchase, type CategoryRhythm } from '../models/replenishment';

/**
 * The ways a next-purchase window is forecast that a backtest compares, all as a central interval in days from the
 * cut-off (a forecast made that day) with the same coverage: the model the product uses, the one it used before
 * (the gap from the last purchase, not conditioned on the silence since or the horizon), and two naive baselines
 * drawn from the history known at the cut. Every method but "unconditional" forecasts the day given a purchase of
 * the category within the horizon, which is the population the windows are scored on. Pure.
 */
export type WindowMethodId = 'model' | 'unconditional' | 'last-gap' | 'category-gaps';

export const WINDOW_METHODS: readonly { id: WindowMethodId; label: string; baseline: boolean }[] = [
  { id: 'model', label: 'the model (rhythm, silence so far, horizon)', baseline: false },
  { id: 'unconditional', label: 'the model before (rhythm only)', baseline: false },
  { id: 'last-gap', label: "naive: the customer's last gap again", baseline: true },
  { id: 'category-gaps', label: "naive: the category's gaps", baseline: true },
];

export interface Window {
  low: number;
  high: number;
}

/** What the history known at the cut says about a category, shared by every customer's baseline forecast. */
export interface CategoryHistory {
  /** Every gap between two purchases of the category, ascending (days). */
  gaps: number[];
  /** Every ratio of a gap to the one before it (same customer), ascending. */
  ratios: number[];
}

export function categoryHistories(categories: Iterable<CategoryFeatures>): Map<string, CategoryHistory> {
  const out = new Map<string, CategoryHistory>();
  for (const c of categories) {
    let h = out.get(c.categoryId);
    if (!h) out.set(c.categoryId, (h = { gaps: [], ratios: [] }));
    h.gaps.push(...c.intervals);
    for (let i = 1; i < c.intervals.length; i++) h.ratios.push(c.intervals[i]! / c.intervals[i - 1]!);
  }
  for (const h of out.values()) {
    h.gaps.sort((a, b) => a - b);
    h.ratios.sort((a, b) => a - b);
  }
  return out;
}

/** The first index of ascending `sorted` whose value × scale exceeds `bound` (binary search). */
function firstAbove(sorted: readonly number[], scale: number, bound: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! * scale > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A central interval from gaps drawn from history (ascending `sorted`, each × `scale`), given a purchase within the
 * horizon: the gaps longer than the silence so far and at most silence + horizon, as days from the cut; the whole
 * horizon when history has none. Found by binary search, so a backtest over many customers stays linear.
 */
function empiricalWindow(
  sorted: readonly number[],
  scale: number,
  silence: number,
  horizon: number,
  coverage: number,
): Window {
  const from = firstAbove(sorted, scale, silence);
  const to = firstAbove(sorted, scale, silence + horizon); // exclusive
  const count = to - from;
  if (count <= 0) return { low: 0, high: horizon };
  const at = (q: number) => {
    const h = (count - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(count - 1, lo + 1);
    const v = sorted[from + lo]! + (h - lo) * (sorted[from + hi]! - sorted[from + lo]!);
    return v * scale - silence;
  };
  const tail = (1 - coverage) / 2;
  return { low: at(tail), high: at(1 - tail) };
}

export interface WindowInput {
  category: CategoryFeatures;
  rhythm: CategoryRhythm;
  dropout?: Pick<CategoryDropout, 'a' | 'b'>;
  pAlive: number;
  /** Days from the customer's last trip to the cut. */
  daysSinceLastTrip: number;
  /** P(their next trip within `days`), were they alive. */
  tripWithin: (days: number) => number;
  history: CategoryHistory;
  horizonDays: number;
  coverage: number;
}

/** Each method's window for one customer and category, and the model's P(a purchase within the horizon). */
export function forecastWindows(input: WindowInput): {
  windows: Record<WindowMethodId, Window>;
  pWithin: number;
} {
  const { category: c, horizonDays: H, coverage } = input;
  const s = c.daysSinceLast;
  const timing = predictCategoryTiming({
    rhythm: input.rhythm,
    intervals: c.intervals,
    daysSinceLast: s,
    pAlive: input.pAlive,
    daysSinceLastTrip: input.daysSinceLastTrip,
    tripWithin: input.tripWithin,
    dropout: input.dropout,
    horizonDays: H,
    coverage,
  });
  const before = predictNextPurchase(input.rhythm, c.intervals, coverage);
  const last = c.intervals.at(-1)!;
  return {
    pWithin: timing.pWithinHorizon,
    windows: {
      model: { low: timing.lowDays, high: timing.highDays },
      // As the product showed it: the gap's window from the last purchase, in the past when overdue.
      unconditional: { low: before.low - s, high: before.high - s },
      'last-gap': input.history.ratios.length
        ? empiricalWindow(input.history.ratios, last, s, H, coverage)
        : empiricalWindow([last], 1, s, H, coverage),
      'category-gaps': empiricalWindow(input.history.gaps, 1, s, H, coverage),
    },
  };
}
