import { ConditionFailedError, getItem, queryItems, updateItem } from '../db/items';
import type { PulseEvent } from '../events';
import { forEachLimit } from '../for-each-limit';
import { comparablePosition, type RecordPosition } from '../kinesis/consumer/handler';

/**
 * Events and revenue per minute and type, counted exactly once however often the stream redelivers. Each shard
 * keeps its own row per minute and type in `stream_aggregates` (metric `events`, bucket
 * `<minute>#<type>#<shard>`) holding the last sequence number it applied: only one consumer reads a shard at a time,
 * in order, so a redelivered batch — whole, or cut at other boundaries after a restart — applies only what comes
 * after that number. The increment and the number move in one conditional update, so a crash leaves both or
 * neither. A dead letter run again (`replay`) is added as it comes: later positions have moved on without it.
 *
 * Left: a duplicate copy of an event published twice, at a later position, whose first copy was applied just
 * before a crash (before its processed mark was written) is counted twice. Readers sum a minute over its shards.
 */
export const EVENTS_METRIC = 'events';

/** The minute an event counts in: when Customer Pulse received it (`YYYY-MM-DDTHH:MM`, UTC). */
const minuteOf = (event: PulseEvent) => event.receivedAt.slice(0, 16);

/** The minute of a time, as buckets name it. */
export const minuteKey = (ms: number) => new Date(ms).toISOString().slice(0, 16);

const revenueOf = (event: PulseEvent) => (event.type === 'purchase' ? event.properties.totalMinor : 0);

interface Group {
  bucket: string;
  events: { seq: string; revenue: number }[];
}

async function applyGroup(group: Group, replay: boolean): Promise<void> {
  let pending = group.events;
  for (let attempt = 0; pending.length && attempt < 4; attempt++) {
    const first = pending[0]!.seq;
    const last = pending.at(-1)!.seq;
    const values = {
      ':n': pending.length,
      ':r': pending.reduce((s, e) => s + e.revenue, 0),
      ...(replay ? {} : { ':last': last, ':first': first }),
    };
    try {
      await updateItem(
        'stream_aggregates',
        { metric: EVENTS_METRIC, bucket: group.bucket },
        replay ? 'ADD #n :n, revenueMinor :r' : 'ADD #n :n, revenueMinor :r SET lastSeq = :last',
        {
          names: { '#n': 'count' }, // a reserved word
          values,
          ...(replay ? {} : { condition: 'attribute_not_exists(lastSeq) OR lastSeq < :first' }),
        },
      );
      return;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      // Some of these were applied by an earlier delivery: keep only what comes after.
      const row = await getItem(
        'stream_aggregates',
        { metric: EVENTS_METRIC, bucket: group.bucket },
        { consistent: true },
      );
      const applied = String(row?.lastSeq ?? '');
      pending = pending.filter((e) => e.seq > applied);
    }
  }
  if (pending.length) throw new Error(`could not apply ${pending.length} events to ${group.bucket}`);
}

export async function recordEventMinutes(
  events: readonly PulseEvent[],
  positions: readonly RecordPosition[],
): Promise<void> {
  const groups = new Map<string, Group>();
  const replays: Group[] = [];
  events.forEach((event, i) => {
    const position = positions[i]!;
    const bucket = `${minuteOf(event)}#${event.type}#${position.shardId}`;
    const entry = { seq: comparablePosition(position.sequenceNumber), revenue: revenueOf(event) };
    if (position.replay) {
      replays.push({ bucket, events: [entry] });
      return;
    }
    let group = groups.get(bucket);
    if (!group) groups.set(bucket, (group = { bucket, events: [] }));
    group.events.push(entry);
  });
  for (const group of groups.values())
    group.events.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  await forEachLimit([...groups.values()], 4, (g) => applyGroup(g, false));
  for (const g of replays) await applyGroup(g, true);
}

export interface MinuteCounts {
  minute: string;
  /** Events per type, and revenue (minor units) from purchases. */
  byType: Record<string, number>;
  total: number;
  revenueMinor: number;
}

/** Per-minute counts from `fromMinute` to `toMinute` inclusive (`YYYY-MM-DDTHH:MM`), every shard summed. */
export async function eventMinutes(fromMinute: string, toMinute: string): Promise<MinuteCounts[]> {
  const rows = await queryItems('stream_aggregates', {
    keyCondition: 'metric = :m AND #b BETWEEN :from AND :to',
    names: { '#b': 'bucket' }, // a reserved word
    values: { ':m': EVENTS_METRIC, ':from': fromMinute, ':to': `${toMinute}~` },
  });
  const minutes = new Map<string, MinuteCounts>();
  for (const row of rows) {
    const [minute, type] = String(row.bucket).split('#') as [string, string];
    let m = minutes.get(minute);
    if (!m) minutes.set(minute, (m = { minute, byType: {}, total: 0, revenueMinor: 0 }));
    const n = Number(row.count ?? 0);
    m.byType[type] = (m.byType[type] ?? 0) + n;
    m.total += n;
    m.revenueMinor += Number(row.revenueMinor ?? 0);
  }
  return [...minutes.values()].sort((a, b) => a.minute.localeCompare(b.minute));
}
