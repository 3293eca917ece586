import { normalCdf } from '../../math/normal';
import { nelderMead } from '../../math/nelder-mead';
import { lnBeta, logSumExp } from '../../math/special-functions';
import { gapPredictive, type CategoryRhythm } from './replenishment';

/**
 * When a customer buys a category next — or whether they still buy it at all. Pure; days throughout.
 *
 * - **Gaps**: the customer's gap between purchases of the category is log-normal, their own rhythm shrunk toward the
 *   category's (replenishment.ts, empirical Bayes): the predictive log-mean m and log-sd v.
 * - **Dropping the category**: after each purchase of it a customer stops buying the category for good with
 *   probability δ, and customers differ: δ ~ Beta(a, b) per category (as BG/NBD's dropout, one level down), so a
 *   customer who bought it many times is less likely to stop than one who tried it twice. Fitted per category by
 *   maximum likelihood (`fitCategoryDropout`).
 * - **The customer as a whole**: whether they are still a customer at all is BG/NBD's P(alive), carried into every
 *   category: a lapsed customer buys no category.
 * - **Trips without it**: between the last purchase of the category and the customer's last trip (a trip just made
 *   counts), u days passed in which they shopped but did not buy it: the gap is longer than u, and the longer past
 *   their rhythm, the likelier they stopped. The silence since the last trip is BG/NBD's to weigh (it is already in
 *   P(alive)): counting it again here would take a customer who is simply between trips for one who left.
 * - **The day**: a gap that ended since the last trip (u < gap ≤ s, s the days since the category's last purchase)
 *   means they are due already and buy it on their next trip, whose timing BG/NBD gives for a customer who is alive;
 *   a longer gap ends s days on.
 *
 * So P(still buying) = P(alive) · c·S(u) / (1 − c + c·S(u)), c = P(not dropped after n purchases), and, given a purchase
 * within the horizon H, its day t has P(day ≤ t) ∝ (S(u) − S(s)) · P(next trip ≤ t) + S(s) − S(s + t): the window a
 * marketer sees is that distribution's central interval, in days from today. In a store of one category every trip
 * buys it (u = 0), and the first term is BG/NBD's own forecast of the next purchase.
 */
export interface CategoryDropout {
  /** Beta(a, b) of the per-purchase probability of stopping the category. */
  a: number;
  b: number;
  /** Customer-category histories it was fitted on. */
  histories: number;
}

/** One customer's history of one category at the fitting day. */
export interface DropoutHistory {
  /** Gaps completed (purchases of the category after the first): each one a purchase after which they did not stop. */
  gaps: number;
  /** P(a gap longer than the days from its last purchase to their last trip), their predictive gap distribution. */
  survival: number;
}

const MIN_PARAMETER = 1e-3;
const MAX_PARAMETER = 1e4;

/**
 * The log-likelihood of the histories: (1 − δ)ⁿ for each history's n completed gaps, then the days without it up to
 * their last trip — they dropped the category (δ) or are still in a gap that long ((1 − δ)·S) — with δ integrated
 * over Beta(a, b). The customer was alive all that time (the trip at its end says so): lapsing explains none of it.
 * The Beta terms depend only on n: computed once per n.
 */
function logLikelihood(histories: readonly DropoutHistory[], a: number, b: number): number {
  const lnB = lnBeta(a, b);
  const byGaps = new Map<number, [droppedNow: number, stillIn: number]>();
  let sum = 0;
  for (const h of histories) {
    const n = h.gaps;
    let terms = byGaps.get(n);
    if (!terms) {
      // E[(1 − δ)ⁿ δ] and E[(1 − δ)ⁿ⁺¹] on the log scale.
      terms = [lnBeta(a + 1, b + n) - lnB, lnBeta(a, b + n + 1) - lnB];
      byGaps.set(n, terms);
    }
    const [droppedNow, stillIn] = terms;
    sum += h.survival > 0 ? logSumExp(droppedNow, stillIn + Math.log(h.survival)) : droppedNow;
  }
  return sum;
}

/** Beta(a, b) of the dropout probability by maximum likelihood over the histories (Nelder–Mead on log a, log b). */
export function fitCategoryDropout(histories: readonly DropoutHistory[]): CategoryDropout {
  if (!histories.length) throw new RangeError('a category dropout needs at least one history');
  const clamp = (x: number) => Math.min(MAX_PARAMETER, Math.max(MIN_PARAMETER, x));
  const negative = ([la, lb]: number[]) =>
    -logLikelihood(histories, clamp(Math.exp(la!)), clamp(Math.exp(lb!)));
  const found = nelderMead(negative, [0, Math.log(5)], { step: 0.7, maxIterations: 2000 });
  const refined = nelderMead(negative, found.x, { step: 0.1, maxIterations: 2000 });
  const [a, b] = refined.x.map((v) => clamp(Math.exp(v))) as [number, number];
  return { a, b, histories: histories.length };
}

/** P(gap > days) under a log-normal with log-mean m and log-sd v. */
export function gapSurvival(days: number, m: number, v: number): number {
  if (days <= 0) return 1;
  return normalCdf(-(Math.log(days) - m) / v);
}

export interface CategoryTiming {
  /** P(they still buy the category): alive, not dropped it, and only in a long gap. */
  pActive: number;
  /** P(they buy it within the horizon). */
  pWithinHorizon: number;
  horizonDays: number;
  /** Given a purchase within the horizon: its median and central interval, in days from today (≥ 0). */
  dueInDays: number;
  lowDays: number;
  highDays: number;
  coverage: number;
  /** How much the customer's own gaps count against the category's rhythm (0–1). */
  ownWeight: number;
}

export interface CategoryTimingInput {
  rhythm: CategoryRhythm;
  /** The customer's past gaps of the category (days). */
  intervals: readonly number[];
  /** Days since they last bought it (0: today). */
  daysSinceLast: number;
  /** Days since their last trip, whatever they bought (≤ daysSinceLast). */
  daysSinceLastTrip: number;
  /** P(their next trip comes within `days`), were they alive (BG/NBD: `nextTripWithin`). */
  tripWithin: (days: number) => number;
  pAlive: number;
  /** The category's dropout; without one, nobody is taken to have stopped buying it (δ = 0). */
  dropout?: Pick<CategoryDropout, 'a' | 'b'>;
  horizonDays: number;
  coverage: number;
}

/**
 * P(still buying the category): alive now (BG/NBD's P(alive), which weighs the silence since their last trip), and,
 * given the trips they made without it, not dropped: c·S / (1 − c + c·S), c = P(not dropped after n gaps kept).
 */
export function pActiveInCategory(
  pAlive: number,
  gaps: number,
  survival: number,
  dropout: Pick<CategoryDropout, 'a' | 'b'> | undefined,
): number {
  if (!(survival > 0) || !(pAlive > 0)) return 0;
  const continuing = dropout
    ? Math.exp(lnBeta(dropout.a, dropout.b + gaps + 1) - lnBeta(dropout.a, dropout.b + gaps))
    : 1;
  const inGap = continuing * survival;
  return (pAlive * inGap) / (1 - continuing + inGap);
}

const BISECTIONS = 40;

export function predictCategoryTiming(input: CategoryTimingInput): CategoryTiming {
  const { daysSinceLast: s, horizonDays: H, coverage } = input;
  const u = Math.max(0, s - Math.max(0, input.daysSinceLastTrip));
  const { m, v, ownWeight } = gapPredictive(input.rhythm, input.intervals);
  const survivedU = gapSurvival(u, m, v);
  const survivedS = gapSurvival(s, m, v);
  const pActive = pActiveInCategory(input.pAlive, input.intervals.length, survivedU, input.dropout);
  const overdue = survivedU - survivedS;
  // P(bought within t days from today | still buying it), unnormalised by S(u).
  const within = (t: number) => overdue * input.tripWithin(t) + survivedS - gapSurvival(s + t, m, v);
  const mass = within(H);
  const pWithin = survivedU > 0 ? (pActive * mass) / survivedU : 0;
  const dayAt = (q: number) => {
    if (!(mass > 0)) return q * H;
    let lo = 0;
    let hi = H;
    for (let i = 0; i < BISECTIONS; i++) {
      const mid = (lo + hi) / 2;
      if (within(mid) < q * mass) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const tail = (1 - coverage) / 2;
  return {
    pActive,
    pWithinHorizon: pWithin,
    horizonDays: H,
    dueInDays: dayAt(0.5),
    lowDays: dayAt(tail),
    highDays: dayAt(1 - tail),
    coverage,
    ownWeight,
  };
}
