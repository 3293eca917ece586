import type { InsightNumbers } from './analyzers/analyzer';
import { DEFAULT_TIMING_MODEL, type TimingModel } from './analyzers/analyzer-config';
import { minorDigits } from '../money/currency';
import type { Prng } from '../math/prng';
import type { CustomerFeatures } from './features';
import { expectedPurchases, nextPurchaseWithin, pAlive } from './models/bgnbd';
import { predictCategoryTiming } from './models/category-timing';
import { churnRisk, clvInterval, expectedClv } from './models/clv';
import { expectedAverageSpend } from './models/gamma-gamma';
import { isOverdue, predictNextPurchase } from './models/replenishment';
import type { PopulationModel } from './population-model';
import { STOPPED_BELOW, TIMING_MIN_P_ALIVE, WINDOW_HORIZON_DAYS } from './timing';

/**
 * One customer's numbers from the population's models and their own features: what the insight card shows and
 * what an analyzer explains. Pure (the CLV interval's randomness comes in seeded).
 */
const CLV_OPTIONS = { horizonWeeks: 39, annualDiscount: 0.1, margin: 1 };
export const INTERVAL_COVERAGE = 0.8;
const CLV_DRAWS = 500;
const MAX_CATEGORIES = 8;

const DAYS_PER_WEEK = 7;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Minor units as major units of the currency, to its own minor unit (cents, whole yen, fils). */
const major = (minor: number, currency: string) => {
  const digits = minorDigits(currency);
  return round(minor / 10 ** digits, digits);
};

export interface PatternNumbers {
  categoryId: string;
  purchases: number;
  /** The predictive median and interval, in days after the last purchase. */
  cycleDays: number;
  lowDays: number;
  highDays: number;
  ownWeight: number;
  lastPurchaseDay: number;
  overdue: boolean;
}

export interface CustomerNumbers {
  numbers: InsightNumbers;
  patterns: PatternNumbers[];
}

/**
 * `asOf`: the store's day (YYYY-MM-DD) the features were cut at; `currency`: the store's, which the spend in the
 * features is in. `nextPurchaseCoverage`: the central coverage of the next-purchase windows (default
 * INTERVAL_COVERAGE), a knob of the analyzer (analyzers/analyzer-config.ts) that experiments vary; the CLV interval
 * keeps INTERVAL_COVERAGE. `timing`: the model of the windows, another knob — `category` (default) the category
 * timing model, `gap` the model before it (the gap's window from the last purchase, as the backtest's
 * "unconditional" method: no P(still buying it), no horizon, in the past when overdue).
 */
export function customerNumbers(
  model: PopulationModel,
  f: CustomerFeatures,
  asOf: string,
  rng: Prng,
  options: { currency: string; nextPurchaseCoverage?: number; timing?: TimingModel },
): CustomerNumbers {
  const { currency } = options;
  const timingModel = options.timing ?? DEFAULT_TIMING_MODEL;
  const windowCoverage = options.nextPurchaseCoverage ?? INTERVAL_COVERAGE;
  const alive = pAlive(model.bg, f);
  const spendMinor = expectedAverageSpend(model.gg, { x: f.x, mean: f.mean });
  const clvMean = expectedClv(model.bg, model.gg, f, CLV_OPTIONS);
  const interval = clvInterval(model.bg, model.gg, f, CLV_OPTIONS, rng, CLV_DRAWS, INTERVAL_COVERAGE);
  // Their own rhythm: the mean gap between their purchases, or the population's expected gap (α / r weeks).
  const cycleWeeks = f.x > 0 ? f.tx / f.x : model.bg.alpha / model.bg.r;
  const churn = churnRisk(model.bg, f, cycleWeeks);

  // A customer who has probably left has no rhythm to predict: "milk due 500 days ago" helps nobody, and storing
  // it for the half of a base that has lapsed would double the nightly writes.
  const patterns: PatternNumbers[] = [];
  for (const c of alive >= TIMING_MIN_P_ALIVE ? f.categories : []) {
    const rhythm = model.rhythms[c.categoryId];
    if (!rhythm || c.purchases < 2) continue;
    const next = predictNextPurchase(rhythm, c.intervals, windowCoverage);
    patterns.push({
      categoryId: c.categoryId,
      purchases: c.purchases,
      cycleDays: round(next.days, 1),
      lowDays: round(next.low, 1),
      highDays: round(next.high, 1),
      ownWeight: round(next.ownWeight, 2),
      lastPurchaseDay: f.daysSinceFirst - c.daysSinceLast,
      overdue: isOverdue(next, c.daysSinceLast),
    });
  }
  // The windows: given the trips they made without the category since, P(alive) and the category's dropout
  // (models/category-timing.ts), when they buy it next if they do within the horizon, and how likely they still do.
  const byCategory = new Map(f.categories.map((c) => [c.categoryId, c]));
  const nextPurchases = (
    timingModel === 'gap'
      ? gapWindows(patterns, byCategory, windowCoverage)
      : patterns.map((p) => {
          const c = byCategory.get(p.categoryId)!;
          const timing = predictCategoryTiming({
            rhythm: model.rhythms[p.categoryId]!,
            intervals: c.intervals,
            daysSinceLast: c.daysSinceLast,
            daysSinceLastTrip: f.daysSinceLast,
            tripWithin: (days) => nextPurchaseWithin(model.bg, f, days / DAYS_PER_WEEK),
            pAlive: alive,
            dropout: model.dropouts?.[p.categoryId],
            horizonDays: WINDOW_HORIZON_DAYS,
            coverage: windowCoverage,
          });
          const stopped = timing.pActive < STOPPED_BELOW;
          return {
            category: p.categoryId,
            dueInDays: round(timing.dueInDays, 1),
            lowDays: round(timing.lowDays, 1),
            highDays: round(timing.highDays, 1),
            coverage: windowCoverage,
            daysSinceLast: c.daysSinceLast,
            overdue: !stopped && p.overdue,
            pActive: round(timing.pActive, 3),
            pWithinHorizon: round(timing.pWithinHorizon, 3),
            horizonDays: WINDOW_HORIZON_DAYS,
            stopped,
          };
        })
  )
    // Soonest first; the categories they probably stopped buying last.
    .sort((a, b) => Number(a.stopped) - Number(b.stopped) || a.dueInDays - b.dueInDays)
    .slice(0, MAX_CATEGORIES);

  return {
    numbers: {
      asOf,
      currency,
      pAlive: round(alive, 3),
      expectedOrders30d: round(expectedPurchases(model.bg, f, 30 / DAYS_PER_WEEK), 2),
      expectedOrders90d: round(expectedPurchases(model.bg, f, 90 / DAYS_PER_WEEK), 2),
      churnProbability: round(churn.probability, 3),
      churnLevel: churn.level,
      averageOrder: major(spendMinor, currency),
      clv: {
        horizonWeeks: CLV_OPTIONS.horizonWeeks,
        mean: major(clvMean, currency),
        low: major(interval.low, currency),
        high: major(interval.high, currency),
        coverage: INTERVAL_COVERAGE,
      },
      nextPurchases,
    },
    patterns,
  };
}

/** The model before the category timing one: the gap's window from the last purchase, minus the days since it. */
function gapWindows(
  patterns: readonly PatternNumbers[],
  byCategory: ReadonlyMap<string, { daysSinceLast: number }>,
  coverage: number,
) {
  return patterns.map((p) => {
    const since = byCategory.get(p.categoryId)!.daysSinceLast;
    return {
      category: p.categoryId,
      dueInDays: round(p.cycleDays - since, 1),
      lowDays: round(p.lowDays - since, 1),
      highDays: round(p.highDays - since, 1),
      coverage,
      daysSinceLast: since,
      overdue: p.overdue,
      stopped: false,
    };
  });
}
