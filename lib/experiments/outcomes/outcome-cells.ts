import { createHash } from 'node:crypto';
import { z } from 'zod';
import { epochDayToDay, storeDayStart } from '../../time/store-time';

/**
 * Outcomes known only later — whether a prediction came true (`accuracy`), whether a recommendation converted
 * (`conversion`) — are kept open in `experiment_observations`, in the experiment's partition, until resolved:
 *
 * - `out#<pseudonym>#acc` / `out#<pseudonym>#conv#<hash of the recommendation id>`: the open outcome, found by the
 *   customer's pseudonym when their purchase or click arrives (one query per experiment they are assigned to). A
 *   customer has at most one open prediction per experiment: analyses while one is open make none.
 * - `due#<closesAt ISO>#<hash of the observation id>`: the same outcome by the time its window closes, so the sweep
 *   reads only what is due (a range query), never the whole table.
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
  }[];
}

const DAY_MS = 86_400_000;
/** The instant the store's day `epochDay + days` starts (rounded as patterns show days). */
const dayStart = (epochDay: number, days: number, timeZone: string) =>
  storeDayStart(epochDayToDay(Math.round(epochDay + days)), timeZone).toISOString();

/**
 * The prediction an insight makes for accuracy: "buys <category> again between day A and day B" for the soonest
 * category whose window has not closed (overdue ones predict nothing). Days count from the insight's `asOf` day (the
 * store's); the window opens at the start of its first day and closes at the end of its last, on the store's clock
 * (`timeZone`). Undefined without such a window.
 */
export function predictionFrom(
  numbers: PredictionSource,
  timeZone: string,
): { category: string; opensAt: string; closesAt: string } | undefined {
  const asOfDay = Math.floor(Date.parse(`${numbers.asOf}T00:00:00Z`) / DAY_MS);
  if (!Number.isFinite(asOfDay)) return undefined;
  const next = [...numbers.nextPurchases]
    .filter((p) => !p.overdue && !p.stopped && p.highDays >= 0)
    .sort((a, b) => a.dueInDays - b.dueInDays)[0];
  if (!next) return undefined;
  return {
    category: next.category,
    opensAt: dayStart(asOfDay, Math.max(0, next.lowDays), timeZone),
    // The day the window ends is included: it closes at the start of the next day.
    closesAt: dayStart(Math.round(asOfDay + next.highDays), 1, timeZone),
  };
}

/**
 * What a purchase says about an open accuracy outcome: 1 when it holds the predicted category inside the window,
 * 0 when it holds it outside (bought earlier than predicted, or after the close the sweep has not reached), nothing
 * when it does not hold the category or came before the prediction.
 */
export function purchaseVerdict(
  outcome: Pick<OpenOutcome, 'madeAt' | 'opensAt' | 'closesAt' | 'category'>,
  purchase: { placedAt: string; categories: readonly string[] },
): 0 | 1 | undefined {
  if (!outcome.category || !purchase.categories.includes(outcome.category)) return undefined;
  const at = Date.parse(purchase.placedAt);
  if (at < Date.parse(outcome.madeAt)) return undefined;
  return at >= Date.parse(outcome.opensAt) && at < Date.parse(outcome.closesAt) ? 1 : 0;
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
