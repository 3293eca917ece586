import { brierScore, intervalScore, median } from '../../math/scores';
import { customerFeatures } from '../features';
import { nextPurchaseWithin, pAlive } from '../models/bgnbd';
import type { PopulationModel } from '../population-model';
import {
  bins,
  firstCategoryDay,
  learningDays,
  overHorizon,
  round,
  WINDOW_COVERAGE,
  type ScoredCustomer,
} from './proper-scores';
import type { MethodScore, ProbabilityScores, WindowScores } from './score-backtest';
import { categoryHistories, forecastWindows, WINDOW_METHODS, type WindowMethodId } from './window-methods';

/** The next-purchase windows' scores and P(buys the category), against naive forecasts (proper-scores.ts). Pure. */
export function windowScores(
  customers: readonly ScoredCustomer[],
  model: PopulationModel,
  cutDay: number,
  horizon: number,
): { windows?: WindowScores; categoryPairs: { categoryId: string; p: number; y: number }[] } {
  const histories = categoryHistories(customers.flatMap((c) => c.f.categories));
  const alpha = 1 - WINDOW_COVERAGE;
  type Tally = { covered: number; widths: number[]; score: number; n: number };
  const empty = (): Tally => ({ covered: 0, widths: [], score: 0, n: 0 });
  // Every window at the cut, bought or not: the widths people are shown.
  const shownWidths = new Map<WindowMethodId, number[]>(WINDOW_METHODS.map((m) => [m.id, []]));
  const overall = new Map<WindowMethodId, Tally>(WINDOW_METHODS.map((m) => [m.id, empty()]));
  const byCategory = new Map<string, Map<WindowMethodId, Tally>>();
  const probability: { categoryId: string; p: number; y: number }[] = [];
  let pairs = 0;
  for (const { digest, f } of customers) {
    const alive = pAlive(model.bg, f);
    for (const c of f.categories) {
      const rhythm = model.rhythms[c.categoryId];
      if (!rhythm || c.purchases < 2) continue;
      pairs++;
      const forecast = forecastWindows({
        category: c,
        rhythm,
        dropout: model.dropouts?.[c.categoryId],
        pAlive: alive,
        daysSinceLastTrip: f.daysSinceLast,
        tripWithin: (days) => nextPurchaseWithin(model.bg, f, days / 7),
        history: histories.get(c.categoryId)!,
        horizonDays: horizon,
        coverage: WINDOW_COVERAGE,
      });
      for (const method of WINDOW_METHODS) {
        const w = forecast.windows[method.id];
        shownWidths.get(method.id)!.push(w.high - w.low);
      }
      const y = firstCategoryDay(digest, c.categoryId, cutDay, horizon);
      probability.push({ categoryId: c.categoryId, p: forecast.pWithin, y: y === undefined ? 0 : 1 });
      if (y === undefined) continue;
      let perCategory = byCategory.get(c.categoryId);
      if (!perCategory)
        byCategory.set(c.categoryId, (perCategory = new Map(WINDOW_METHODS.map((m) => [m.id, empty()]))));
      for (const method of WINDOW_METHODS) {
        const w = forecast.windows[method.id];
        for (const t of [overall.get(method.id)!, perCategory.get(method.id)!]) {
          t.n++;
          if (y >= w.low && y <= w.high) t.covered++;
          t.widths.push(w.high - w.low);
          t.score += intervalScore(w.low, w.high, y, alpha);
        }
      }
    }
  }
  const methodScore = (id: WindowMethodId, t: Tally): MethodScore => {
    const m = WINDOW_METHODS.find((x) => x.id === id)!;
    return {
      id,
      label: m.label,
      baseline: m.baseline,
      coverage: round(t.n ? t.covered / t.n : NaN),
      medianWidth: round(median(t.widths), 1),
      medianWidthShown: round(median(shownWidths.get(id)!), 1),
      intervalScore: round(t.n ? t.score / t.n : NaN, 2),
    };
  };
  const bestBaseline = (tallies: Map<WindowMethodId, Tally>) =>
    WINDOW_METHODS.filter((m) => m.baseline)
      .map((m) => methodScore(m.id, tallies.get(m.id)!))
      .sort((a, b) => a.intervalScore - b.intervalScore)[0]!;
  const categories = [...byCategory]
    .map(([categoryId, tallies]) => {
      const {
        id: _id,
        label: _label,
        baseline: _baseline,
        ...scores
      } = methodScore('model', tallies.get('model')!);
      return {
        categoryId,
        purchases: tallies.get('model')!.n,
        model: scores,
        bestBaseline: bestBaseline(tallies),
      };
    })
    .sort((a, b) => b.purchases - a.purchases || a.categoryId.localeCompare(b.categoryId))
    .slice(0, 12);
  // Nothing to score (no rhythms yet, or no purchase of a category in the horizon): no block rather than NaNs, which
  // DynamoDB would refuse to store.
  if (!overall.get('model')!.n) return { categoryPairs: probability };
  return {
    windows: {
      coverage: WINDOW_COVERAGE,
      pairs,
      purchases: overall.get('model')!.n,
      methods: WINDOW_METHODS.map((m) => methodScore(m.id, overall.get(m.id)!)),
      categories,
    },
    categoryPairs: probability,
  };
}

/**
 * P(buys the category within the horizon) for every pair with a window: the model's against each category's base
 * rate on the horizon before the cut (the share of its windows then that were bought before the cut).
 */
export function categoryPurchaseScores(
  pairs: readonly { categoryId: string; p: number; y: number }[],
  customers: readonly ScoredCustomer[],
  model: PopulationModel,
  cutDay: number,
  horizon: number,
): ProbabilityScores | undefined {
  if (!pairs.length) return undefined;
  const days = learningDays(customers, cutDay, horizon);
  const pseudoCut = cutDay - days;
  const rates = new Map<string, { n: number; bought: number }>();
  const all = { n: 0, bought: 0 };
  for (const { digest } of customers) {
    for (const c of customerFeatures(digest, pseudoCut)?.categories ?? []) {
      if (c.purchases < 2 || !model.rhythms[c.categoryId]) continue;
      const rate = rates.get(c.categoryId) ?? { n: 0, bought: 0 };
      const bought = firstCategoryDay(digest, c.categoryId, pseudoCut, days) !== undefined ? 1 : 0;
      rate.n++;
      rate.bought += bought;
      all.n++;
      all.bought += bought;
      rates.set(c.categoryId, rate);
    }
  }
  const pooled = all.n ? all.bought / all.n : 0.5;
  const baseRate = (categoryId: string) => {
    const r = rates.get(categoryId);
    return overHorizon(r ? (r.bought + pooled) / (r.n + 1) : pooled, days, horizon);
  };
  const model_ = pairs.map((q) => [q.p, q.y] as [number, number]);
  const base = pairs.map((q) => [baseRate(q.categoryId), q.y] as [number, number]);
  return {
    population: 'customer–category pairs with a window at the cut (two purchases of the category or more)',
    count: pairs.length,
    observed: round(pairs.filter((q) => q.y).length / Math.max(1, pairs.length)),
    methods: [
      { id: 'model', label: 'the model', baseline: false, brier: round(brierScore(model_), 4) },
      {
        id: 'base-rate',
        label: "naive: the category's base rate",
        baseline: true,
        brier: round(brierScore(base), 4),
      },
    ],
    calibration: bins(model_),
  };
}
