import { createHash } from 'node:crypto';
import { z } from 'zod';
import { storeDay } from '../time/store-time';

/**
 * How observations are kept in `experiment_observations` (key: experimentId + cell): not one item per observation
 * but running sums per variant, metric and day (the store's, STORE_TIMEZONE) — enough for means, variances, CUPED and ratio (delta-method)
 * estimates. Reading an experiment's results is therefore O(variants × metrics × days), however many observations
 * were made. Idempotency markers (one per observation id) live beside the sums under another prefix and are never
 * read by the summary. Pure.
 */

export const SUM_PREFIX = 'sum#';
const SEEN_PREFIX = 'seen#';

/** `sum#<variant>#<metric>#<YYYY-MM-DD>`: names cannot hold `#` (their schemas forbid it). */
export const sumCell = (variant: string, metric: string, day: string) =>
  `${SUM_PREFIX}${variant}#${metric}#${day}`;

/** The observation id is hashed: callers may build ids from customer ids, and a key could not be anonymized. */
export const seenCell = (observationId: string) =>
  `${SEEN_PREFIX}${createHash('sha256').update(observationId).digest('hex').slice(0, 40)}`;

/** The store's day an observation counts in: the cumulative chart's days are the business's days. */
export const dayOf = (at: Date, timeZone: string) => storeDay(at, timeZone);

/**
 * Sufficient statistics of one metric's observations y (and, where given, a pre-period covariate x):
 * n, Σy, Σy²; nX, Σx, Σx², Σxy over the observations that had a covariate (CUPED needs nX = n); and for ratio
 * metrics Σd, Σd², Σyd of the denominator d observed together with the numerator y.
 */
export interface SufficientStats {
  n: number;
  sum: number;
  sumSquares: number;
  nX: number;
  sumX: number;
  sumXSquares: number;
  sumXY: number;
  sumDen: number;
  sumDenSquares: number;
  sumNumDen: number;
}

export const STAT_FIELDS = [
  'n',
  'sum',
  'sumSquares',
  'nX',
  'sumX',
  'sumXSquares',
  'sumXY',
  'sumDen',
  'sumDenSquares',
  'sumNumDen',
] as const satisfies readonly (keyof SufficientStats)[];

const emptyStats = (): SufficientStats =>
  Object.fromEntries(STAT_FIELDS.map((f) => [f, 0])) as unknown as SufficientStats;

const stat = z.number().default(0);

/** A sums item as stored. */
export const statsCellSchema = z.object({
  experimentId: z.string(),
  cell: z.string(),
  variant: z.string(),
  metric: z.string(),
  day: z.string(),
  ...(Object.fromEntries(STAT_FIELDS.map((f) => [f, stat])) as Record<keyof SufficientStats, typeof stat>),
});
export type StatsCell = z.infer<typeof statsCellSchema>;

/** What one observation adds to a cell. */
export function increments(y: number, covariate?: number, denominator?: number): Partial<SufficientStats> {
  return {
    n: 1,
    sum: y,
    sumSquares: y * y,
    ...(covariate !== undefined
      ? { nX: 1, sumX: covariate, sumXSquares: covariate * covariate, sumXY: covariate * y }
      : {}),
    ...(denominator !== undefined
      ? { sumDen: denominator, sumDenSquares: denominator * denominator, sumNumDen: y * denominator }
      : {}),
  };
}

function addStats(a: SufficientStats, b: SufficientStats): SufficientStats {
  return Object.fromEntries(STAT_FIELDS.map((f) => [f, a[f] + b[f]])) as unknown as SufficientStats;
}

export interface MetricTotals extends SufficientStats {
  variant: string;
  metric: string;
}

export interface DailyTotals {
  day: string;
  variant: string;
  metric: string;
  /** That day's observations. */
  daily: SufficientStats;
  /** Everything up to and including that day (the cumulative chart). */
  cumulative: SufficientStats;
}

export interface ObservationSummary {
  /** Per variant and metric, over all days; sorted by variant, then metric. */
  totals: MetricTotals[];
  /** Per day, variant and metric with observations; sorted by day, variant, metric. */
  series: DailyTotals[];
}

const pick = (cell: StatsCell): SufficientStats =>
  Object.fromEntries(STAT_FIELDS.map((f) => [f, cell[f]])) as unknown as SufficientStats;

export function summarizeCells(cells: readonly StatsCell[]): ObservationSummary {
  const sorted = [...cells].sort(
    (a, b) =>
      a.day.localeCompare(b.day) || a.variant.localeCompare(b.variant) || a.metric.localeCompare(b.metric),
  );
  const running = new Map<string, MetricTotals>();
  const series: DailyTotals[] = [];
  for (const cell of sorted) {
    const id = `${cell.variant}#${cell.metric}`;
    const before = running.get(id) ?? { variant: cell.variant, metric: cell.metric, ...emptyStats() };
    const daily = pick(cell);
    const cumulative = addStats(before, daily);
    running.set(id, { variant: cell.variant, metric: cell.metric, ...cumulative });
    series.push({ day: cell.day, variant: cell.variant, metric: cell.metric, daily, cumulative });
  }
  const totals = [...running.values()].sort(
    (a, b) => a.variant.localeCompare(b.variant) || a.metric.localeCompare(b.metric),
  );
  return { totals, series };
}
