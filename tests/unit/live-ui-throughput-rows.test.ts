import { describe, expect, it } from 'vitest';
import {
  addToSecondCounts,
  pruneSecondCounts,
  rateLabel,
  recentRate,
  toChartData,
  toThroughputRows,
  type SecondCounts,
} from '@/components/live/throughput-rows';
import type { MinuteCounts } from '@/lib/live/event-minutes';

const at = (hms: string) => Date.parse(`2026-11-24T${hms}.000Z`);
const NOW = at('10:15:30');

/** The server's 15 minutes, 10:01 to the running 10:15: 2 page views and 0.1 purchases a second, 10/s at 10:13. */
const minutes: MinuteCounts[] = Array.from({ length: 15 }, (_, i) => {
  const minute = `2026-11-24T10:${String(i + 1).padStart(2, '0')}`;
  const pageViews = minute.endsWith('10:13') ? 600 : 120;
  return { minute, byType: { purchase: 6, page_view: pageViews }, total: pageViews + 6, revenueMinor: 0 };
});

/** The feed, complete from 10:14:00: 3 page views every second, one purchase at 10:15:00. */
function feedSeconds(): SecondCounts {
  const events: { type: string; receivedAt: string }[] = [];
  for (let t = at('10:14:00'); t <= at('10:15:29'); t += 1000)
    for (let k = 0; k < 3; k++)
      events.push({ type: 'page_view', receivedAt: new Date(t + k * 10).toISOString() });
  events.push({ type: 'purchase', receivedAt: '2026-11-24T10:15:00.500Z' });
  return addToSecondCounts(new Map(), events);
}

const base = {
  minutes,
  seconds: feedSeconds(),
  completeSince: at('10:14:00'),
  nowMs: NOW,
  types: [] as string[],
  liveTail: true,
};

describe('events per second over the last 15 minutes', () => {
  it('draws finished minutes as per-second averages, then the last two minutes second by second', () => {
    const { rows, types } = toThroughputRows(base);
    expect(types).toEqual(['page_view', 'purchase']); // the canonical order, not the server's
    expect(rows[0]).toEqual({
      t: at('10:01:00'),
      resolution: 'minute',
      rates: { page_view: 2, purchase: 0.1 },
      total: 2.1,
    });
    expect(rows.find((r) => r.t === at('10:13:00'))?.rates.page_view).toBe(10);
    const minuteRows = rows.filter((r) => r.resolution === 'minute');
    expect(minuteRows.map((r) => r.t)).toEqual(
      Array.from({ length: 13 }, (_, i) => at('10:01:00') + i * 60_000),
    );
    const secondRows = rows.filter((r) => r.resolution === 'second');
    // 120 seconds up to two seconds ago, plus the end of the last step.
    expect(secondRows[0]!.t).toBe(at('10:13:29'));
    expect(secondRows.at(-2)!.t).toBe(at('10:15:28'));
    expect(secondRows.at(-1)!.t).toBe(at('10:15:29'));
    expect(secondRows).toHaveLength(121);
  });

  it('counts seconds from the feed where it saw them all, and falls back to the minute before that', () => {
    const { rows } = toThroughputRows(base);
    const row = (hms: string) => rows.find((r) => r.t === at(hms) && r.resolution === 'second');
    expect(row('10:13:45')?.rates).toEqual({ page_view: 10, purchase: 0.1 }); // before the feed opened: 10:13's average
    expect(row('10:14:10')?.rates).toEqual({ page_view: 3, purchase: 0 });
    expect(row('10:15:00')).toMatchObject({ rates: { page_view: 3, purchase: 1 }, total: 4 });
    const opened = toThroughputRows({ ...base, completeSince: at('10:14:00') + 400 }).rows;
    expect(opened.find((r) => r.t === at('10:14:00') && r.resolution === 'second')?.rates.page_view).toBe(3);
    expect(opened.find((r) => r.t === at('10:13:59') && r.resolution === 'second')?.rates.page_view).toBe(10);
  });

  it('moves with the feed: one more second of events shows up in the next redraw', () => {
    const seconds = feedSeconds();
    const before = toThroughputRows({ ...base, seconds }).rows;
    addToSecondCounts(
      seconds,
      Array.from({ length: 50 }, () => ({ type: 'add_to_cart', receivedAt: '2026-11-24T10:15:29.200Z' })),
    );
    const after = toThroughputRows({ ...base, seconds, nowMs: NOW + 1000 });
    expect(after.types).toEqual(['page_view', 'add_to_cart', 'purchase']);
    const newest = after.rows.find(
      (r) => r.t === at('10:15:29') && r.resolution === 'second' && r !== after.rows.at(-1),
    );
    expect(newest?.rates.add_to_cart).toBe(50);
    expect(before.some((r) => (r.rates.add_to_cart ?? 0) > 0)).toBe(false);
  });

  it('leaves the running minute unknown where the feed has not seen it (not a fake drop)', () => {
    const { rows } = toThroughputRows({ ...base, completeSince: null });
    const running = rows.filter((r) => r.t >= at('10:15:00'));
    expect(running.length).toBeGreaterThan(0);
    for (const r of running)
      expect(r).toMatchObject({ rates: { page_view: null, purchase: null }, total: null });
    // Until the server's first answer, nothing is known either.
    expect(toThroughputRows({ ...base, minutes: [], completeSince: null }).rows[0]?.total).toBeNull();
  });

  it('draws only the server minutes when the feed is narrowed to some shoppers', () => {
    const { rows, types } = toThroughputRows({
      ...base,
      liveTail: false,
      seconds: addToSecondCounts(new Map(), [{ type: 'search', receivedAt: '2026-11-24T10:15:10.000Z' }]),
    });
    expect(types).toEqual(['page_view', 'purchase']);
    expect(rows.every((r) => r.resolution === 'minute')).toBe(true);
    expect(rows.map((r) => r.t).at(-2)).toBe(at('10:14:00')); // the last finished minute…
    expect(rows.at(-1)!.t).toBe(at('10:15:00')); // …drawn to its end
  });

  it('shows only the chosen types', () => {
    const { rows, types } = toThroughputRows({ ...base, types: ['purchase'] });
    expect(types).toEqual(['purchase']);
    expect(rows[0]!.rates).toEqual({ purchase: 0.1 });
    expect(toChartData(rows.slice(0, 1))).toEqual([{ t: at('10:01:00'), purchase: 0.1 }]);
  });
});

describe('per-second counts and rates', () => {
  it('buckets by the second the server received each event, and forgets old seconds', () => {
    const counts = addToSecondCounts(new Map(), [
      { type: 'search', receivedAt: '2026-11-24T10:00:00.100Z' },
      { type: 'search', receivedAt: '2026-11-24T10:00:00.900Z' },
      { type: 'purchase', receivedAt: '2026-11-24T10:00:01.000Z' },
      { type: 'search', receivedAt: 'not a time' },
    ]);
    expect(counts.get(at('10:00:00') / 1000)).toEqual({ search: 2 });
    expect(counts.get(at('10:00:01') / 1000)).toEqual({ purchase: 1 });
    pruneSecondCounts(counts, at('10:00:01') / 1000);
    expect([...counts.keys()]).toEqual([at('10:00:01') / 1000]);
  });

  it('averages the last ten settled seconds the feed saw, fewer just after it opened', () => {
    const seconds = feedSeconds();
    expect(recentRate(seconds, at('10:14:00'), NOW)).toBe(3);
    expect(recentRate(seconds, at('10:15:25'), NOW)).toBe(3); // 10:15:25–28 only
    // Opened part way through a second: that second counts (an event in it reached the page).
    expect(recentRate(seconds, at('10:15:28') + 400, NOW)).toBe(3);
    expect(recentRate(seconds, null, NOW)).toBeNull();
    expect(recentRate(seconds, at('10:15:30'), NOW)).toBeNull();
    expect(rateLabel(3)).toBe('3 events/s');
    expect(rateLabel(0.123)).toBe('0.12 events/s');
    expect(rateLabel(1234.5)).toBe('1,235 events/s');
    expect(rateLabel(null)).toBe('–');
  });
});
