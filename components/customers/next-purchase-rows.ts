import type { InsightNumbers } from '@/lib/analysis/analyzers/analyzer';
import { categoryLabel } from '@/lib/analysis/category-label';
import { storeDay } from '@/lib/time/store-time';

/**
 * Reshaping of an insight's next purchases for the timeline chart. The model counts days from the day it was
 * computed for (`asOf`, the store's day); the chart counts from today in the store's time zone, so an insight a few
 * days old still puts "today" right, and a browser in another zone does not move it. Pure, so it is unit tested.
 */

export type NextPurchase = InsightNumbers['nextPurchases'][number];

export interface NextPurchaseRow {
  category: string;
  /** "meat & fish". */
  label: string;
  /** Days from today: the interval and the most likely day (negative: in the past). */
  lowDays: number;
  highDays: number;
  dueDays: number;
  /** [lowDays, highDays], the bar. */
  range: [number, number];
  /** The interval's coverage, whole percent. */
  coveragePct: number;
  daysSinceLast: number;
  /** Past the top of the interval by today (or already when the model ran). */
  overdue: boolean;
  /** Probably stopped buying it: no window is shown. */
  stopped: boolean;
  /** P(they buy it within the horizon), whole percent, when the insight says. */
  withinPct?: number;
  horizonDays?: number;
  /** "in 4 days (80%: 2–7 days)", "in 2 days (80%: now–6 days)" or "overdue: expected 6 days ago". */
  note: string;
}

export interface NextPurchaseAxis {
  domain: [number, number];
  ticks: number[];
}

const DAY_MS = 86_400_000;

/** Whole days from the model's day to the store's today (0 when either is not a date). */
export function daysSinceAsOf(asOf: string, now: Date, timeZone: string): number {
  const from = Date.parse(asOf.slice(0, 10));
  const today = Number.isFinite(now.getTime()) ? Date.parse(storeDay(now, timeZone)) : NaN;
  if (!Number.isFinite(from) || !Number.isFinite(today)) return 0;
  return Math.round((today - from) / DAY_MS);
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const daysWord = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'day' : 'days'}`;

/** When a day is, said from today: "today", "in 3 days", "5 days ago". */
export function relativeDay(days: number): string {
  const d = Math.round(days);
  if (d === 0) return 'today';
  return d > 0 ? `in ${daysWord(d)}` : `${daysWord(-d)} ago`;
}

function noteFor(row: Omit<NextPurchaseRow, 'note'>): string {
  if (row.stopped) return `probably stopped buying it (last bought ${daysWord(row.daysSinceLast)} ago)`;
  const due = Math.round(row.dueDays);
  if (row.overdue) return due < 0 ? `overdue: expected ${daysWord(-due)} ago` : 'overdue';
  const low = Math.round(row.lowDays);
  const high = Math.round(row.highDays);
  const when = due < 0 ? `expected ${daysWord(-due)} ago` : relativeDay(due);
  // An interval that has already opened starts "now" rather than at a negative day.
  const window = low >= 0 ? `${low}–${daysWord(high)}` : high >= 1 ? `now–${daysWord(high)}` : 'now';
  const chance =
    row.withinPct !== undefined && row.horizonDays !== undefined
      ? `; ${row.withinPct}% likely within ${daysWord(row.horizonDays)}`
      : '';
  return `${when} (${row.coveragePct}%: ${window}${chance})`;
}

/** One row per category, soonest first (so the overdue ones lead), with days counted from today. */
export function toNextPurchaseRows(
  nextPurchases: readonly NextPurchase[],
  asOf: string,
  now: Date,
  timeZone: string,
): NextPurchaseRow[] {
  const shift = daysSinceAsOf(asOf, now, timeZone);
  return nextPurchases
    .map((p) => {
      const lowDays = oneDecimal(p.lowDays - shift);
      const highDays = oneDecimal(Math.max(p.highDays, p.lowDays) - shift);
      const dueDays = oneDecimal(Math.min(Math.max(p.dueInDays, p.lowDays), p.highDays) - shift);
      const base = {
        category: p.category,
        label: categoryLabel(p.category),
        lowDays,
        highDays,
        dueDays,
        range: [lowDays, highDays] as [number, number],
        coveragePct: Math.round(p.coverage * 100),
        daysSinceLast: Math.round(p.daysSinceLast + shift),
        overdue: !p.stopped && (p.overdue || highDays < 0),
        stopped: p.stopped === true,
        ...(p.pWithinHorizon !== undefined && p.horizonDays !== undefined
          ? { withinPct: Math.round(p.pWithinHorizon * 100), horizonDays: p.horizonDays }
          : {}),
      };
      return { ...base, note: noteFor(base) };
    })
    .sort(
      (a, b) =>
        Number(a.stopped) - Number(b.stopped) || a.dueDays - b.dueDays || a.label.localeCompare(b.label),
    );
}

/** A tick step that gives a handful of ticks over the span. */
function tickStep(span: number): number {
  if (span <= 14) return 2;
  if (span <= 42) return 7;
  if (span <= 120) return 14;
  if (span <= 365) return 30;
  // Lapsed customers: everything was due long ago.
  if (span <= 730) return 90;
  return 180;
}

/** The x axis: always shows today (0), and whole steps of days around the intervals. */
export function nextPurchaseAxis(rows: readonly NextPurchaseRow[]): NextPurchaseAxis {
  // Categories they probably stopped buying have no window: they do not stretch the axis.
  const shown = rows.filter((r) => !r.stopped);
  const low = Math.min(0, ...shown.map((r) => r.lowDays));
  const high = Math.max(0, ...shown.map((r) => r.highDays));
  const step = tickStep(Math.max(1, high - low));
  const start = Math.floor(low / step) * step - (low % step === 0 && low < 0 ? step : 0);
  const end = Math.ceil(high / step) * step + (high % step === 0 ? step : 0);
  const ticks: number[] = [];
  for (let t = start; t <= end; t += step) ticks.push(t);
  return { domain: [start, end], ticks };
}

/** Axis tick text: "today", "+7 d", "−14 d". */
export function dayTick(days: number): string {
  if (days === 0) return 'today';
  return days > 0 ? `+${days} d` : `−${-days} d`;
}
