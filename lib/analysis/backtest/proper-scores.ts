import type { PurchaseDigest } from '../../customers/purchase-digest';
import { minorDigits } from '../../money/currency';
import {
  brierScore,
  calibrationBins,
  intervalScore,
  median,
  quantileSorted,
  topShareCapture,
} from '../../math/scores';
import { customerFeatures, type CustomerFeatures } from '../features';
import { expectedPurchases, nextPurchaseWithin, pAlive, probabilityNoPurchase } from '../models/bgnbd';
import { expectedAverageSpend } from '../models/gamma-gamma';
import type { PopulationModel } from '../population-model';
import type { MethodScore, ProbabilityScores, ValueScores, WindowScores } from './score-backtest';
import { categoryHistories, forecastWindows, WINDOW_METHODS, type WindowMethodId } from './window-methods';

/**
 * The backtest's proper scores, each next to naive baselines built from the same history (docs/analysis.md,
 * "Backtests"): next-purchase windows (coverage, width, interval score), P(buys the category) and P(buys again)
 * (Brier, calibration), orders and spend in the horizon (error) and the ranking by value (top-decile capture).
 * Baselines that need a rate learn it on the horizon before the cut (features at cut − horizon, outcomes up to the
 * cut; a shorter stretch when the history is short, its rate carried to the horizon at a constant hazard), so
 * nothing after the cut leaks into them. Pure.
 */
export interface ScoredCustomer {
  digest: PurchaseDigest;
  /** Features at the cut. */
  f: CustomerFeatures;
}

export const WINDOW_COVERAGE = 0.8;

/**
 * The days before the cut that rate baselines learn on: the horizon, or half the history before the cut when that is
 * shorter (a horizon as long as the history would leave nobody known at its start).
 */
export function learningDays(customers: readonly ScoredCustomer[], cutDay: number, horizon: number): number {
  // A loop, not Math.min(...): a spread of a million arguments overflows the stack.
  let first = cutDay;
  for (const c of customers) if (c.digest.start < first) first = c.digest.start;
  return Math.max(1, Math.min(horizon, Math.floor((cutDay - first) / 2)));
}

/** A rate seen over `days` as a rate over `horizon` days, at a constant hazard. */
const overHorizon = (rate: number, days: number, horizon: number) =>
  days >= horizon ? rate : 1 - (1 - rate) ** (horizon / days);

const round = (n: number, digits = 3) =>
  Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n;

/** Days after `from` (exclusive) up to `to` (inclusive) on which the customer bought, as digest indexes. */
function tripsBetween(digest: PurchaseDigest, fromDay: number, toDay: number): number[] {
  const from = fromDay - digest.start;
  const to = toDay - digest.start;
  const out: number[] = [];
  digest.days.forEach((d, i) => {
    if (d > from && d <= to) out.push(i);
  });
  return out;
}

/** The first day (days after the cut) the category was bought in the horizon, if it was. */
function firstCategoryDay(
  digest: PurchaseDigest,
  categoryId: string,
  cutDay: number,
  horizon: number,
): number | undefined {
  const cut = cutDay - digest.start;
  for (const i of digest.categories[categoryId] ?? []) {
    const d = digest.days[i]!;
    if (d > cut && d <= cut + horizon) return d - cut;
  }
  return undefined;
}

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

const bins = (pairs: readonly [number, number][]) =>
  calibrationBins(pairs).map((b) => ({
    from: b.from,
    to: b.to,
    customers: b.count,
    meanPredicted: round(b.meanPredicted),
    observed: round(b.observed),
  }));

/** Quintile (1–5) of a value among the values given, by their edges. */
function quintiler(values: readonly number[]): (v: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const edges = [0.2, 0.4, 0.6, 0.8].map((q) => quantileSorted(sorted, q));
  return (v) => 1 + edges.filter((e) => v > e).length;
}

interface Rfm {
  r: number;
  f: number;
  m: number;
}

/** R (recency, 5 = most recent), F (trips) and M (spend per trip) quintiles, edges from the customers given. */
function rfmScorer(features: readonly CustomerFeatures[]): (f: CustomerFeatures) => Rfm {
  const r = quintiler(features.map((f) => -f.daysSinceLast));
  const fq = quintiler(features.map((f) => f.purchases));
  const m = quintiler(features.map((f) => f.ownMean));
  return (f) => ({ r: r(-f.daysSinceLast), f: fq(f.purchases), m: m(f.ownMean) });
}

/**
 * P(buys again within the horizon): the model's 1 − P(no purchase) against the base rate and the rate of the
 * customer's RFM cell (recency × frequency quintiles), both learned on the horizon before the cut.
 */
export function repeatScores(
  customers: readonly ScoredCustomer[],
  model: PopulationModel,
  cutDay: number,
  horizon: number,
): ProbabilityScores {
  const weeks = horizon / 7;
  const days = learningDays(customers, cutDay, horizon);
  const pseudoCut = cutDay - days;
  const earlier = customers.flatMap(({ digest }) => {
    const f = customerFeatures(digest, pseudoCut);
    return f ? [{ f, bought: tripsBetween(digest, pseudoCut, cutDay).length > 0 ? 1 : 0 }] : [];
  });
  const seenRate = earlier.length ? earlier.reduce((s, e) => s + e.bought, 0) / earlier.length : 0.5;
  const baseRate = overHorizon(seenRate, days, horizon);
  const cellOf = earlier.length ? rfmScorer(earlier.map((e) => e.f)) : undefined;
  const cells = new Map<string, { n: number; bought: number }>();
  for (const e of earlier) {
    const { r, f } = cellOf!(e.f);
    const key = `${r}:${f}`;
    const cell = cells.get(key) ?? { n: 0, bought: 0 };
    cell.n++;
    cell.bought += e.bought;
    cells.set(key, cell);
  }
  // A cell is smoothed toward the base rate (one pseudo-customer at it), so a cell of one does not say 0 % or 100 %.
  const cellRate = (f: CustomerFeatures) => {
    if (!cellOf) return baseRate;
    const { r, f: fq } = cellOf(f);
    const cell = cells.get(`${r}:${fq}`);
    return overHorizon(cell ? (cell.bought + seenRate) / (cell.n + 1) : seenRate, days, horizon);
  };
  const model_: [number, number][] = [];
  const base: [number, number][] = [];
  const rfm: [number, number][] = [];
  for (const { digest, f } of customers) {
    const y = tripsBetween(digest, cutDay, cutDay + horizon).length > 0 ? 1 : 0;
    model_.push([1 - probabilityNoPurchase(model.bg, f, weeks), y]);
    base.push([baseRate, y]);
    rfm.push([cellRate(f), y]);
  }
  return {
    population: 'customers who had bought by the cut',
    count: model_.length,
    observed: round(model_.filter(([, y]) => y).length / Math.max(1, model_.length)),
    methods: [
      { id: 'model', label: 'the model (BG/NBD)', baseline: false, brier: round(brierScore(model_), 4) },
      {
        id: 'rfm',
        label: 'naive: the rate of their RFM cell',
        baseline: true,
        brier: round(brierScore(rfm), 4),
      },
      {
        id: 'base-rate',
        label: 'naive: everyone at the base rate',
        baseline: true,
        brier: round(brierScore(base), 4),
      },
    ],
    calibration: bins(model_),
  };
}

/** Orders and spend in the horizon against what happened, and the ranking by value. */
export function valueScores(
  customers: readonly ScoredCustomer[],
  model: PopulationModel,
  cutDay: number,
  horizon: number,
  currency: string,
): ValueScores {
  const weeks = horizon / 7;
  const unit = 10 ** minorDigits(currency);
  const rfm = rfmScorer(customers.map((c) => c.f));
  const err = { model: 0, pastRate: 0, lastPeriod: 0 };
  const spendErr = { model: 0, lastPeriod: 0 };
  const ranked: { model: number; lastPeriod: number; rfm: number; actual: number }[] = [];
  for (const { digest, f } of customers) {
    const later = tripsBetween(digest, cutDay, cutDay + horizon);
    const before = tripsBetween(digest, cutDay - horizon, cutDay);
    const actualSpend = later.reduce((s, i) => s + digest.spend[i]!, 0) / unit;
    const lastSpend = before.reduce((s, i) => s + digest.spend[i]!, 0) / unit;
    const expected = expectedPurchases(model.bg, f, weeks);
    const perTrip = expectedAverageSpend(model.gg, { x: f.x, mean: f.mean }) / unit;
    const predictedSpend = expected * (Number.isFinite(perTrip) ? perTrip : f.ownMean / unit);
    err.model += Math.abs(expected - later.length);
    err.pastRate += Math.abs((f.T > 0 ? (f.x / f.T) * weeks : 0) - later.length);
    err.lastPeriod += Math.abs(before.length - later.length);
    spendErr.model += Math.abs(predictedSpend - actualSpend);
    spendErr.lastPeriod += Math.abs(lastSpend - actualSpend);
    const q = rfm(f);
    ranked.push({ model: predictedSpend, lastPeriod: lastSpend, rfm: q.r + q.f + q.m, actual: actualSpend });
  }
  const n = Math.max(1, customers.length);
  // Nobody spent anything in the horizon: there is nothing to capture (null, not NaN).
  const capture = (key: 'model' | 'lastPeriod' | 'rfm' | 'actual') => {
    const share = topShareCapture(ranked.map((r) => ({ score: r[key], actual: r.actual })));
    return Number.isFinite(share) ? round(share) : null;
  };
  return {
    customers: customers.length,
    currency,
    orders: [
      { id: 'model', label: 'the model (BG/NBD)', baseline: false, mae: round(err.model / n) },
      { id: 'past-rate', label: 'naive: their past rate', baseline: true, mae: round(err.pastRate / n) },
      {
        id: 'last-period',
        label: 'naive: as many as in the horizon before',
        baseline: true,
        mae: round(err.lastPeriod / n),
      },
    ],
    spend: [
      {
        id: 'model',
        label: 'the model (BG/NBD × Gamma-Gamma)',
        baseline: false,
        mae: round(spendErr.model / n, 2),
      },
      {
        id: 'last-period',
        label: 'naive: what they spent in the horizon before',
        baseline: true,
        mae: round(spendErr.lastPeriod / n, 2),
      },
    ],
    topDecile: [
      { id: 'model', label: 'the model’s expected spend', baseline: false, capture: capture('model') },
      {
        id: 'last-period',
        label: 'naive: spend in the horizon before',
        baseline: true,
        capture: capture('lastPeriod'),
      },
      { id: 'rfm', label: 'naive: RFM score (R + F + M quintiles)', baseline: true, capture: capture('rfm') },
      { id: 'perfect', label: 'hindsight: the real top 10 %', baseline: true, capture: capture('actual') },
    ],
  };
}
