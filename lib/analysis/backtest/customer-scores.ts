import { minorDigits } from '../../money/currency';
import { brierScore, quantileSorted, topShareCapture } from '../../math/scores';
import { customerFeatures, type CustomerFeatures } from '../features';
import { expectedPurchases, probabilityNoPurchase } from '../models/bgnbd';
import { expectedAverageSpend } from '../models/gamma-gamma';
import type { PopulationModel } from '../population-model';
import { bins, learningDays, overHorizon, round, tripsBetween, type ScoredCustomer } from './proper-scores';
import type { ProbabilityScores, ValueScores } from './score-backtest';

/** P(buys again), orders and spend, and the ranking by value, against naive forecasts (proper-scores.ts). Pure. */
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
