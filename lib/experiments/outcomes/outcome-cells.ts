import { createHash } from 'node:crypto';
import { z } from 'zod';
import { WINDOW_HORIZON_DAYS } from '../../analysis/timing';
import { intervalScore } from '../../math/scores';
import { epochDayToDay, storeDayStart, storeEpochDay } from '../../time/store-time';

/**
 * Outcomes known only later — how a prediction fared (`accuracy`, with `bought_within_horizon` and
 * `interval_score`), whether a recommendation converted (`conversion`) — are kept open in `experiment_observations`, in the experiment's partition, until resolved:
 *
 * - `out#<pseudonym>#acc` / `out#<pseudonym>#conv#<hash of the recommendation id>`: the open outcome, found by the
 *   customer's pseudonym when their purchase or click arrives (one query per experiment they are assigned to). A
 *   customer has at most one open prediction per experiment: analyses while one is open make none.
 * - `due#<ISO>#<hash of the observation id>`: the same outcome by the time it is due — a prediction's horizon end
 *   (`resolvesBy`; its window close for one opened before scores), a showing's close — so the sweep reads only
 *   what is due (a range query), never the whole table.
 *
 * The open outcome also holds the customer id, which an erasure removes (the table's anonymize rule): an outcome
 * without it is dropped, never resolved. Pure.
 */
const OUT_PREFIX = 'out#';
export const DUE_PREFIX = 'due#';

const hashed = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

export const accuracyCell = (pseudonym: string) => `${OUT_PREFIX}${pseudonym}#acc`;
export const conversionCell = (pseudonym: string, recommendationId: string) =>
  `${OUT_PREFIX}${pseudonym}#conv#${hashed(recommendationId)}`;
export const customerOutPrefix = (pseudonym: string) => `${OUT_PREFIX}${pseudonym}#`;
export const dueCell = (closesAt: string, observationId: string) =>
  `${DUE_PREFIX}${closesAt}#${hashed(observationId)}`;
/** Every due cell whose window closed before `cutoff` sorts at or below this. */
export const dueUpTo = (cutoff: Date) => `${DUE_PREFIX}${cutoff.toISOString()}`;

const OUTCOME_METRICS = ['accuracy', 'conversion'] as const;
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];

export const openOutcomeSchema = z.object({
  experimentId: z.string(),
  cell: z.string(),
  metric: z.enum(OUTCOME_METRICS),
  variant: z.string(),
  /** The observation the outcome is recorded under (once, whoever resolves it). */
  observationId: z.string(),
  /** Removed by an erasure. */
  customerId: z.string().optional(),
  /** When the prediction or showing was made; events before it do not count. */
  madeAt: z.string(),
  /** The window, inclusive: [opensAt, closesAt). */
  opensAt: z.string(),
  closesAt: z.string(),
  /** Accuracy: the category predicted, and the cost of the analysis that predicted it (for cost per correct). */
  category: z.string().optional(),
  /**
   * To score the window (interval score, bought within the horizon), absent on outcomes opened before: the store's
   * day the prediction was made for (YYYY-MM-DD), the window in days from it as the insight gave it, its coverage,
   * the horizon it is judged over, and when that horizon ends (the due time: the outcome stays open until then).
   */
  asOf: z.string().optional(),
  lowDays: z.number().optional(),
  highDays: z.number().optional(),
  coverage: z.number().optional(),
  horizonDays: z.number().optional(),
  resolvesBy: z.string().optional(),
  costUsd: z.number().optional(),
  recommendationId: z.string().optional(),
  dueCell: z.string(),
});
export type OpenOutcome = z.infer<typeof openOutcomeSchema>;

export const dueItemSchema = z.object({
  experimentId: z.string(),
  cell: z.string(),
  outCell: z.string(),
  observationId: z.string(),
});

/** The next-purchase numbers a prediction is made from (the insight's `numbers`). */
export interface PredictionSource {
  asOf: string;
  nextPurchases: readonly {
    category: string;
    dueInDays: number;
    lowDays: number;
    highDays: number;
    overdue: boolean;
    stopped?: boolean;
    coverage?: number;
    horizonDays?: number;
  }[];
}

/** A prediction as opened: the window's instants, and what scoring it needs (absent for a window without coverage). */
export interface Prediction {
  category: string;
  opensAt: string;
  closesAt: string;
  asOf?: string;
  lowDays?: number;
  highDays?: number;
  coverage?: number;
  horizonDays?: number;
  resolvesBy?: string;
}

const DAY_MS = 86_400_000;
/** The instant the store's day `epochDay + days` starts (rounded as patterns show days). */
const dayStart = (epochDay: number, days: number, timeZone: string) =>
  storeDayStart(epochDayToDay(Math.round(epochDay + days)), timeZone).toISOString();
const epochDayOf = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * The prediction an insight makes: "buys <category> again between day A and day B" for the soonest category whose
 * window has not closed (overdue and stopped ones predict nothing). Days count from the insight's `asOf` day (the
 * store's); the window opens at the start of its first day and closes at the end of its last, on the store's clock
 * (`timeZone`). With the window's coverage it is also scored: over the horizon the window is given for (the
 * insight's `horizonDays`; a window from the gap model, which has none, over the product's WINDOW_HORIZON_DAYS, so
 * both arms of an experiment are judged on the same population), and it stays open until that horizon ends.
 * Undefined without such a window.
 */
export function predictionFrom(numbers: PredictionSource, timeZone: string): Prediction | undefined {
  const asOfDay = epochDayOf(numbers.asOf);
  if (!Number.isFinite(asOfDay)) return undefined;
  const next = [...numbers.nextPurchases]
    .filter((p) => !p.overdue && !p.stopped && p.highDays >= 0)
    .sort((a, b) => a.dueInDays - b.dueInDays)[0];
  if (!next) return undefined;
  const window = {
    category: next.category,
    opensAt: dayStart(asOfDay, Math.max(0, next.lowDays), timeZone),
    // The day the window ends is included: it closes at the start of the next day.
    closesAt: dayStart(Math.round(asOfDay + next.highDays), 1, timeZone),
  };
  if (next.coverage === undefined || !(next.coverage > 0 && next.coverage < 1)) return window;
  const horizonDays = next.horizonDays ?? WINDOW_HORIZON_DAYS;
  const horizonEnds = dayStart(asOfDay, horizonDays + 1, timeZone);
  return {
    ...window,
    asOf: numbers.asOf,
    lowDays: next.lowDays,
    highDays: next.highDays,
    coverage: next.coverage,
    horizonDays,
    resolvesBy: horizonEnds > window.closesAt ? horizonEnds : window.closesAt,
  };
}

/** What a resolved prediction records, as one observation: accuracy always, the scores when it is scored. */
export type PredictionValues = {
  accuracy: 0 | 1;
  bought_within_horizon?: 0 | 1;
  interval_score?: number;
  /** The window's width in days, beside its interval score: the score less the width is what the misses cost. */
  window_days?: number;
};

type Scored = Pick<OpenOutcome, 'asOf' | 'lowDays' | 'highDays' | 'coverage' | 'horizonDays'>;
const isScored = (p: Scored): p is Required<Scored> =>
  p.asOf !== undefined &&
  p.lowDays !== undefined &&
  p.highDays !== undefined &&
  p.coverage !== undefined &&
  p.horizonDays !== undefined &&
  p.highDays >= p.lowDays;

/**
 * The category was bought `y` days after the prediction's `asOf` day (the store's days), inside the window or not:
 * within the horizon the window's interval score (Gneiting & Raftery; lib/math/scores.ts, as the backtest scores
 * it: the window as the insight gave it, α = 1 − coverage, in days) and bought_within_horizon 1; beyond it 0 and no
 * interval score (the backtest's population: predictions whose category was bought within the horizon).
 */
export function boughtValues(prediction: Scored, inWindow: boolean, y: number): PredictionValues {
  const accuracy = inWindow ? 1 : 0;
  if (!isScored(prediction)) return { accuracy };
  if (y > prediction.horizonDays) return { accuracy, bought_within_horizon: 0 };
  const score = intervalScore(prediction.lowDays, prediction.highDays, y, 1 - prediction.coverage);
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return {
    accuracy,
    bought_within_horizon: 1,
    interval_score: r(score),
    window_days: r(prediction.highDays - prediction.lowDays),
  };
}

/** Not bought by the end of the horizon (or the window, for an outcome opened before scores): 0, and no score. */
export function missedValues(prediction: Scored): PredictionValues {
  return isScored(prediction) ? { accuracy: 0, bought_within_horizon: 0 } : { accuracy: 0 };
}

/**
 * What a purchase says about an open prediction: accuracy 1 when it holds the predicted category inside the window,
 * 0 when it holds it outside (bought earlier than predicted, or later), with the scores (boughtValues; `y` counted
 * in the store's days of `timeZone`); nothing when it does not hold the category or came before the prediction.
 */
export function purchaseVerdict(
  outcome: Pick<OpenOutcome, 'madeAt' | 'opensAt' | 'closesAt' | 'category'> & Scored,
  purchase: { placedAt: string; categories: readonly string[] },
  timeZone: string,
): PredictionValues | undefined {
  if (!outcome.category || !purchase.categories.includes(outcome.category)) return undefined;
  const at = Date.parse(purchase.placedAt);
  if (at < Date.parse(outcome.madeAt)) return undefined;
  const inWindow = at >= Date.parse(outcome.opensAt) && at < Date.parse(outcome.closesAt);
  const y = outcome.asOf ? storeEpochDay(at, timeZone) - epochDayOf(outcome.asOf) : NaN;
  return boughtValues(outcome, inWindow, y);
}

/** A conversion: a click or an order inside [shown, shown + 24 h) converts; one after the close does not. */
export function conversionVerdict(
  outcome: Pick<OpenOutcome, 'madeAt' | 'closesAt'>,
  at: string,
): 0 | 1 | undefined {
  const t = Date.parse(at);
  if (t < Date.parse(outcome.madeAt)) return undefined;
  return t < Date.parse(outcome.closesAt) ? 1 : 0;
}
