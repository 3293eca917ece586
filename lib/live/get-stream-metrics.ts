import { getConfig } from '../config';
import { streamBacklog } from '../kinesis/consumer/backlog';
import { eventMinutes, minuteKey, type MinuteCounts } from './event-minutes';

/**
 * What the Live page's metrics show: events per minute by type over the last `minutes` (every minute present, zero
 * when nothing came), the rate of the last complete minute per second, and the consumers' backlog per shard.
 */
export interface StreamMetrics {
  asOf: string;
  /** The store's currency (ISO 4217): each minute's `revenueMinor` (its purchases, which orders take only in it). */
  currency: string;
  minutes: MinuteCounts[];
  /** Events per second by type over the last complete minute. */
  perSecond: Record<string, number>;
  perSecondTotal: number;
  /** Records waiting after each shard's checkpoint (counted up to 1,000 per shard). */
  backlog: Record<string, number>;
  backlogTotal: number;
}

const MINUTE = 60_000;

export async function getStreamMetrics(minutes = 15, now = new Date()): Promise<StreamMetrics> {
  const end = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const start = end - (minutes - 1) * MINUTE;
  const [counted, backlog] = await Promise.all([
    eventMinutes(minuteKey(start), minuteKey(end)),
    streamBacklog(getConfig().EVENTS_STREAM),
  ]);
  const byMinute = new Map(counted.map((m) => [m.minute, m]));
  const series: MinuteCounts[] = [];
  for (let t = start; t <= end; t += MINUTE) {
    const key = minuteKey(t);
    series.push(byMinute.get(key) ?? { minute: key, byType: {}, total: 0, revenueMinor: 0 });
  }
  const lastComplete = series.at(-2);
  const perSecond = Object.fromEntries(
    Object.entries(lastComplete?.byType ?? {}).map(([type, n]) => [type, Math.round((n / 60) * 100) / 100]),
  );
  return {
    asOf: now.toISOString(),
    currency: getConfig().STORE_CURRENCY,
    minutes: series,
    perSecond,
    perSecondTotal: Math.round(((lastComplete?.total ?? 0) / 60) * 100) / 100,
    backlog,
    backlogTotal: Object.values(backlog).reduce((a, b) => a + b, 0),
  };
}
