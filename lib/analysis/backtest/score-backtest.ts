import type { PurchaseDigest } from '../../customers/purchase-digest';
import { customerFeatures, type CustomerFeatures } from '../features';
import { expectedPurchases, pAlive, probabilityNoPurchase } from '../models/bgnbd';
import { predictNextPurchase } from '../models/replenishment';
import { fitPopulationModel, type PopulationModel } from '../population-model';
import { addDays, epochDayToDay } from '../../time/store-time';
import { repeatScores, valueScores } from './customer-scores';
import { categoryPurchaseScores, windowScores } from './window-scores';

/**
 * A backtest: cut every customer's history at `cutoffDay`, fit the models on what was known then, predict the
 * next `horizonDays`, and score the predictions against what happened (and, for the seeded demo, against the
 * generator's truth of who was still active at the cut). Pure.
 */
export interface BacktestCustomer {
  customerId: string;
  digest: PurchaseDigest;
  /** From the seed's ground truth: was the customer still active at the cut? Undefined where unknown. */
  aliveAtCutoff?: boolean;
}

export interface CalibrationBin {
  /** Predicted probability range [from, to). */
  from: number;
  to: number;
  customers: number;
  meanPredicted: number;
  observed: number;
}

export interface BacktestScore {
  cutoff: string;
  horizonDays: number;
  customers: number;
  model: Pick<PopulationModel, 'bg' | 'gg' | 'customers'>;
  purchases: {
    predicted: number;
    actual: number;
    /** Mean absolute error of purchases per customer, the model and a naive baseline (their past rate). */
    mae: number;
    baselineMae: number;
  };
  /** P(at least one purchase in the horizon) against whether one happened. */
  repeatCalibration: CalibrationBin[];
  repeatBrier: number;
  /** P(alive) at the cut against the generator's truth; absent without ground truth. */
  aliveCalibration?: CalibrationBin[];
  aliveBrier?: number;
  aliveCustomers?: number;
  nextCategory: {
    /** Customers who bought in the horizon and had a category prediction. */
    customers: number;
    /** Share of them whose first basket after the cut held the category predicted soonest. */
    hitRate: number;
    /** Share of category predictions whose 80 % interval held the actual next purchase (when it came in time). */
    intervalCoverage: number;
    intervals: number;
  };
  /** The days scored: the day after the cut-off to the end of the horizon (the store's days). */
  window?: { from: string; to: string };
  /** Next-purchase windows, each method against the same purchases (absent on backtests stored before them). */
  windows?: WindowScores;
  /** P(buys the category within the horizon), per customer and category with a window. */
  categoryPurchase?: ProbabilityScores;
  /** P(buys anything within the horizon), per customer known at the cut. */
  repeat?: ProbabilityScores;
  /** Orders and spend in the horizon, and how well customers are ranked by value. */
  value?: ValueScores;
}

export interface MethodScore {
  id: string;
  label: string;
  baseline: boolean;
  /** Share of the purchases inside their window (the target is the windows' coverage). */
  coverage: number;
  /** Median window width of the purchases scored, days. */
  medianWidth: number;
  /** Median width of every window at the cut (bought in the horizon or not): the windows people are shown. */
  medianWidthShown: number;
  /** Mean interval score (Gneiting & Raftery 2007), days: width plus 2/α times any miss. Lower is better. */
  intervalScore: number;
}

export interface WindowScores {
  coverage: number;
  /** Customer–category pairs with a window at the cut (two purchases of the category or more), and how many of them bought it in the horizon: the purchases scored. */
  pairs: number;
  purchases: number;
  methods: MethodScore[];
  /** The model and the best baseline per category (most purchases first, at most 12). */
  categories: {
    categoryId: string;
    purchases: number;
    model: Omit<MethodScore, 'id' | 'label' | 'baseline' | 'medianWidthShown'>;
    bestBaseline: MethodScore;
  }[];
}

export interface ProbabilityScores {
  /** What was predicted for whom, in words ("customers known at the cut"). */
  population: string;
  count: number;
  /** Share that happened. */
  observed: number;
  methods: { id: string; label: string; baseline: boolean; brier: number }[];
  /** The model's calibration. */
  calibration: Bin[];
}

export interface ValueScores {
  customers: number;
  currency: string;
  /** Mean absolute error per customer of the orders (trips) in the horizon, and of the spend (major units). */
  orders: { id: string; label: string; baseline: boolean; mae: number }[];
  spend: { id: string; label: string; baseline: boolean; mae: number }[];
  /**
   * Share of the horizon's spend that the top 10 % by each ranking account for; `perfect` is the most possible. Null
   * when nobody spent anything in the horizon.
   */
  topDecile: { id: string; label: string; baseline: boolean; capture: number | null }[];
}

interface Bin {
  from: number;
  to: number;
  customers: number;
  meanPredicted: number;
  observed: number;
}

const BINS = 10;

function calibration(pairs: readonly [number, number][]): { bins: CalibrationBin[]; brier: number } {
  const bins: CalibrationBin[] = Array.from({ length: BINS }, (_, i) => ({
    from: i / BINS,
    to: (i + 1) / BINS,
    customers: 0,
    meanPredicted: 0,
    observed: 0,
  }));
  let brier = 0;
  for (const [p, y] of pairs) {
    const bin = bins[Math.min(BINS - 1, Math.floor(p * BINS))]!;
    bin.customers++;
    bin.meanPredicted += p;
    bin.observed += y;
    brier += (p - y) ** 2;
  }
  for (const b of bins) {
    if (!b.customers) continue;
    b.meanPredicted = round(b.meanPredicted / b.customers, 3);
    b.observed = round(b.observed / b.customers, 3);
  }
  return { bins, brier: pairs.length ? round(brier / pairs.length, 4) : 0 };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function scoreBacktest(
  customers: readonly BacktestCustomer[],
  cutoffDay: number,
  horizonDays: number,
  currency: string,
): BacktestScore {
  const known: { c: BacktestCustomer; f: CustomerFeatures }[] = [];
  for (const c of customers) {
    const f = customerFeatures(c.digest, cutoffDay);
    if (f) known.push({ c, f });
  }
  const cutoff = epochDayToDay(cutoffDay);
  const model = fitPopulationModel(
    known.map((k) => k.f),
    cutoff,
    currency,
  );
  const horizonWeeks = horizonDays / 7;
  let predicted = 0;
  let actual = 0;
  let absError = 0;
  let baselineError = 0;
  const repeat: [number, number][] = [];
  const alive: [number, number][] = [];
  let hits = 0;
  let hitCustomers = 0;
  let covered = 0;
  let intervals = 0;
  for (const { c, f } of known) {
    const cut = cutoffDay - c.digest.start;
    const later = c.digest.days
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => d > cut && d <= cut + horizonDays);
    const expected = expectedPurchases(model.bg, f, horizonWeeks);
    const baseline = f.T > 0 ? (f.x / f.T) * horizonWeeks : 0;
    predicted += expected;
    actual += later.length;
    absError += Math.abs(expected - later.length);
    baselineError += Math.abs(baseline - later.length);
    repeat.push([1 - probabilityNoPurchase(model.bg, f, horizonWeeks), later.length ? 1 : 0]);
    if (c.aliveAtCutoff !== undefined) alive.push([pAlive(model.bg, f), c.aliveAtCutoff ? 1 : 0]);

    // Category timing: the soonest-due prediction, and every prediction's interval.
    let soonest: { categoryId: string; due: number } | undefined;
    for (const cat of f.categories) {
      const rhythm = model.rhythms[cat.categoryId];
      if (!rhythm || cat.purchases < 2) continue;
      const next = predictNextPurchase(rhythm, cat.intervals, 0.8);
      const due = next.days - cat.daysSinceLast;
      if (!soonest || due < soonest.due) soonest = { categoryId: cat.categoryId, due };
      const indexes = c.digest.categories[cat.categoryId] ?? [];
      const nextBuy = indexes.map((i) => c.digest.days[i]!).find((d) => d > cut && d <= cut + horizonDays);
      if (nextBuy !== undefined) {
        intervals++;
        const gap = nextBuy - (cut - cat.daysSinceLast);
        if (gap >= next.low && gap <= next.high) covered++;
      }
    }
    const first = later[0];
    if (soonest && first) {
      hitCustomers++;
      if ((c.digest.categories[soonest.categoryId] ?? []).includes(first.i)) hits++;
    }
  }
  const scored = known.map(({ c, f }) => ({ digest: c.digest, f }));
  const { windows, categoryPairs } = windowScores(scored, model, cutoffDay, horizonDays);
  const repeatCal = calibration(repeat);
  const aliveCal = alive.length ? calibration(alive) : undefined;
  return {
    cutoff,
    horizonDays,
    customers: known.length,
    model: { bg: model.bg, gg: model.gg, customers: model.customers },
    purchases: {
      predicted: round(predicted, 1),
      actual,
      mae: round(absError / known.length, 3),
      baselineMae: round(baselineError / known.length, 3),
    },
    repeatCalibration: repeatCal.bins,
    repeatBrier: repeatCal.brier,
    ...(aliveCal
      ? { aliveCalibration: aliveCal.bins, aliveBrier: aliveCal.brier, aliveCustomers: alive.length }
      : {}),
    nextCategory: {
      customers: hitCustomers,
      hitRate: hitCustomers ? round(hits / hitCustomers, 3) : 0,
      intervalCoverage: intervals ? round(covered / intervals, 3) : 0,
      intervals,
    },
    window: { from: addDays(cutoff, 1), to: addDays(cutoff, horizonDays) },
    windows,
    categoryPurchase: categoryPurchaseScores(categoryPairs, scored, model, cutoffDay, horizonDays),
    repeat: repeatScores(scored, model, cutoffDay, horizonDays),
    value: valueScores(scored, model, cutoffDay, horizonDays, currency),
  };
}
