import { EVENT_TYPES } from '@/lib/events/event-types';
import type { MinuteCounts } from '@/lib/live/event-minutes';
import { clockTime } from '@/lib/time/clock-format';

/**
 * The data behind "events per second by type over the last 15 minutes". Two sources, each for what it does best:
 * the server's exactly-once minute counts (`/stream/metrics`, read every 10 s) for the history, and the feed's own
 * events, counted here per second by the time they were received, for the last two minutes — so the chart moves
 * every second without asking the server every second. A second before the feed opened (or before a gap in the
 * connection ended) falls back to its minute's average from the server; the second it opened in is counted.
 */

/** Events per second and type, by epoch second of `receivedAt`. */
export type SecondCounts = Map<number, Record<string, number>>;

export interface ThroughputRow {
  /** Start of the bucket, ms since epoch (server time). */
  t: number;
  /** 'minute': a minute's average from the server; 'second': counted from the feed. */
  resolution: 'minute' | 'second';
  /** Events per second by type; null where nothing is known yet. */
  rates: Record<string, number | null>;
  total: number | null;
}

export interface ThroughputInput {
  minutes: readonly MinuteCounts[];
  seconds: SecondCounts;
  /** Ms since epoch (server time) from which the feed has seen every event; null: not at all. */
  completeSince: number | null;
  /** Now on the server's clock, ms. */
  nowMs: number;
  /** The types to show; empty for all. */
  types: readonly string[];
  /** False when the feed shows only some shoppers: then only the server's minutes are drawn. */
  liveTail: boolean;
  windowMinutes?: number;
  tailSeconds?: number;
  /** The newest seconds are left out until their events have had time to arrive. */
  settleSeconds?: number;
}

const MINUTE = 60_000;
const SECOND = 1_000;

/** Adds a flushed batch to the per-second counts (mutates and returns `counts`: it lives in a ref, not in state). */
export function addToSecondCounts(
  counts: SecondCounts,
  events: readonly { type: string; receivedAt: string }[],
): SecondCounts {
  for (const e of events) {
    const at = Date.parse(e.receivedAt);
    if (!Number.isFinite(at)) continue;
    const second = Math.floor(at / SECOND);
    let row = counts.get(second);
    if (!row) counts.set(second, (row = {}));
    row[e.type] = (row[e.type] ?? 0) + 1;
  }
  return counts;
}

/** Forgets seconds before `fromSecond`. */
export function pruneSecondCounts(counts: SecondCounts, fromSecond: number): SecondCounts {
  for (const second of counts.keys()) if (second < fromSecond) counts.delete(second);
  return counts;
}

/** Minute key (`YYYY-MM-DDTHH:MM`, UTC) of a time: the server buckets by it. */
const minuteKey = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** Types that occur anywhere in the window, in the canonical order (unknown ones after). */
function presentTypes(input: ThroughputInput): string[] {
  const seen = new Set<string>();
  for (const m of input.minutes) for (const [t, n] of Object.entries(m.byType)) if (n > 0) seen.add(t);
  if (input.liveTail)
    for (const row of input.seconds.values())
      for (const [t, n] of Object.entries(row)) if (n > 0) seen.add(t);
  const wanted = input.types.length ? input.types.filter((t) => seen.has(t)) : [...seen];
  const order = (t: string) => {
    const i = (EVENT_TYPES as readonly string[]).indexOf(t);
    return i === -1 ? EVENT_TYPES.length : i;
  };
  return wanted.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function toThroughputRows(input: ThroughputInput): { rows: ThroughputRow[]; types: string[] } {
  const windowMinutes = input.windowMinutes ?? 15;
  const tailSeconds = input.tailSeconds ?? 120;
  const settle = input.settleSeconds ?? 2;
  const types = presentTypes(input);
  const byMinute = new Map(input.minutes.map((m) => [m.minute, m]));
  const currentMinute = Math.floor(input.nowMs / MINUTE) * MINUTE;
  const lastSecond = Math.floor(input.nowMs / SECOND) - settle; // the newest second shown
  const tailStart = input.liveTail ? (lastSecond - tailSeconds + 1) * SECOND : currentMinute;
  const firstMinute = currentMinute - (windowMinutes - 1) * MINUTE;

  const minuteRates = (minuteStart: number): Record<string, number | null> | null => {
    // The running minute is still being counted: its average would read as a drop.
    if (minuteStart >= currentMinute || byMinute.size === 0) return null;
    const m = byMinute.get(minuteKey(minuteStart));
    return Object.fromEntries(types.map((t) => [t, round2((m?.byType[t] ?? 0) / 60)]));
  };
  const totalOf = (rates: Record<string, number | null>) =>
    types.some((t) => rates[t] === null) ? null : round2(types.reduce((s, t) => s + (rates[t] ?? 0), 0));
  const unknown = () => Object.fromEntries(types.map((t) => [t, null]));

  const rows: ThroughputRow[] = [];
  for (let t = firstMinute; t < tailStart && t < currentMinute; t += MINUTE) {
    const rates = minuteRates(t) ?? unknown();
    rows.push({ t, resolution: 'minute', rates, total: totalOf(rates) });
  }
  if (input.liveTail) {
    for (let s = tailStart / SECOND; s <= lastSecond; s++) {
      const t = s * SECOND;
      let rates: Record<string, number | null>;
      // The second the feed opened in counts too (what came before the opening in it may be missing).
      if (input.completeSince !== null && t + SECOND > input.completeSince) {
        const counted = input.seconds.get(s) ?? {};
        rates = Object.fromEntries(types.map((type) => [type, counted[type] ?? 0]));
      } else {
        rates = minuteRates(Math.floor(t / MINUTE) * MINUTE) ?? unknown();
      }
      rows.push({ t, resolution: 'second', rates, total: totalOf(rates) });
    }
  }
  // Each row holds until the next one (a step chart); the last needs an end to be drawn as wide as its bucket.
  const last = rows.at(-1);
  if (last) rows.push({ ...last, t: last.t + (last.resolution === 'minute' ? MINUTE : SECOND) });
  return { rows, types };
}

/** Events per second over the last `spanSeconds` complete seconds the feed saw (null when it saw none of them). */
export function recentRate(
  seconds: SecondCounts,
  completeSince: number | null,
  nowMs: number,
  spanSeconds = 10,
  settleSeconds = 2,
): number | null {
  if (completeSince === null) return null;
  const last = Math.floor(nowMs / SECOND) - settleSeconds;
  const first = Math.max(last - spanSeconds + 1, Math.floor(completeSince / SECOND));
  if (first > last) return null;
  let n = 0;
  for (let s = first; s <= last; s++) for (const v of Object.values(seconds.get(s) ?? {})) n += v;
  return round2(n / (last - first + 1));
}

/** "12.5 events/s", "0.02 events/s", "1,204 events/s". */
export function rateLabel(rate: number | null): string {
  if (rate === null) return '–';
  const digits = rate >= 100 ? 0 : rate >= 10 ? 1 : 2;
  return `${rate.toLocaleString('en', { maximumFractionDigits: digits })} events/s`;
}

/** Rows as recharts reads them: the bucket start and one key per type. */
export function toChartData(
  rows: readonly ThroughputRow[],
): ({ t: number } & Record<string, number | null>)[] {
  return rows.map((r) => ({ ...r.rates, t: r.t }));
}

/** One colour per event type, the same on every render. */
const TYPE_COLORS: Record<string, string> = {
  page_view: '#a5b4fc',
  product_view: '#6366f1',
  search: '#38bdf8',
  add_to_cart: '#34d399',
  remove_from_cart: '#fbbf24',
  checkout_started: '#f97316',
  purchase: '#059669',
  order_refunded: '#b45309',
  recommendation_shown: '#c084fc',
  recommendation_clicked: '#9333ea',
  session_end: '#94a3b8',
  segment_updated: '#f472b6',
  consent_updated: '#64748b',
  customer_erased: '#b91c1c',
};
export const typeColor = (type: string) => TYPE_COLORS[type] ?? '#475569';

/** "14:05" for an axis tick, on the store's clock (the server buckets whole minutes, the same in every zone but a few). */
export function clockLabel(ms: number, withSeconds = false, timeZone = 'UTC'): string {
  return clockTime(ms, timeZone, withSeconds);
}
