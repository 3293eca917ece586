import { describe, expect, it } from 'vitest';
import {
  formatMonth,
  monthTicks,
  orderItemCount,
  timelineDomain,
  toOrdersTimeline,
} from '@/lib/customers/to-orders-timeline';

const DAY = 86_400_000;
const utcMonth = (t: number) => formatMonth(t, 'UTC');

function order(orderId: string, placedAt: string, lines: [number, number][]) {
  return {
    orderId,
    placedAt,
    items: lines.map(([quantity, unitPriceMinor], i) => ({
      productId: `prd_${i}`,
      categoryId: 'dairy',
      quantity,
      unitPriceMinor,
    })),
    totalMinor: lines.reduce((s, [q, p]) => s + q * p, 0),
  };
}

const eur = (orders: Parameters<typeof toOrdersTimeline>[0]) => toOrdersTimeline(orders, 'EUR', 'UTC');

describe('toOrdersTimeline', () => {
  it('draws the orders oldest first (the API sends them newest first), in euros to the cent', () => {
    const points = eur([
      order('ord_3', '2026-03-10T09:00:00.000Z', [[1, 1999]]),
      order('ord_2', '2026-02-01T18:30:00.000Z', [
        [2, 250],
        [1, 1],
      ]),
      order('ord_1', '2025-12-31T23:59:00.000Z', [[3, 100]]),
    ]);
    expect(points.map((p) => p.orderId)).toEqual(['ord_1', 'ord_2', 'ord_3']);
    expect(points.map((p) => p.value)).toEqual([3, 5.01, 19.99]);
    expect(points.map((p) => p.items)).toEqual([3, 3, 1]);
    expect(points[0]).toMatchObject({ date: '2025-12-31', t: Date.parse('2025-12-31T23:59:00.000Z') });
  });

  it('draws an order fetched twice once, and leaves out one with an unreadable date', () => {
    const a = order('ord_1', '2026-01-05T10:00:00.000Z', [[1, 500]]);
    const points = eur([a, a, order('ord_x', 'yesterday', [[1, 100]])]);
    expect(points.map((p) => p.orderId)).toEqual(['ord_1']);
  });

  it('is empty without orders', () => {
    expect(eur([])).toEqual([]);
  });

  it('reads amounts by the currency’s own minor units', () => {
    const orders = [order('ord_1', '2026-03-10T09:00:00.000Z', [[3, 1250]])];
    expect(toOrdersTimeline(orders, 'JPY', 'UTC')[0]!.value).toBe(3750);
    expect(toOrdersTimeline(orders, 'KWD', 'UTC')[0]!.value).toBe(3.75);
  });

  it('dates an order by the store’s day, not the UTC one', () => {
    // Sunday 23:30 in New York is already Monday in UTC.
    const late = [order('ord_1', '2026-11-09T04:30:00.000Z', [[1, 100]])];
    expect(toOrdersTimeline(late, 'USD', 'America/New_York')[0]!.date).toBe('2026-11-08');
    expect(toOrdersTimeline(late, 'USD', 'UTC')[0]!.date).toBe('2026-11-09');
    // 00:30 in Tokyo is still the day before in UTC.
    const early = [order('ord_2', '2026-11-08T15:30:00.000Z', [[1, 100]])];
    expect(toOrdersTimeline(early, 'JPY', 'Asia/Tokyo')[0]!.date).toBe('2026-11-09');
  });
});

describe('orderItemCount', () => {
  it('counts units, not lines', () => {
    expect(
      orderItemCount(
        order('o', '2026-01-01T00:00:00Z', [
          [2, 1],
          [5, 1],
        ]),
      ),
    ).toBe(7);
  });
});

describe('the time axis', () => {
  it('pads the range so the first and last orders are not drawn on the frame', () => {
    const points = eur([
      order('a', '2025-01-01T00:00:00.000Z', [[1, 1]]),
      order('b', '2026-01-01T00:00:00.000Z', [[1, 1]]),
    ]);
    const [from, to] = timelineDomain(points);
    expect(from).toBeLessThan(points[0]!.t);
    expect(to).toBeGreaterThan(points[1]!.t);
  });

  it('gives a single order a range of its own (a week either side)', () => {
    const points = eur([order('a', '2026-01-15T00:00:00.000Z', [[1, 1]])]);
    const [from, to] = timelineDomain(points);
    expect(to - from).toBe(14 * DAY);
  });

  it('ticks at month starts inside the range, at most the number asked for', () => {
    const from = Date.UTC(2025, 0, 10);
    const to = Date.UTC(2025, 4, 20);
    expect(monthTicks([from, to], 'UTC').map(utcMonth)).toEqual([
      'Feb 2025',
      'Mar 2025',
      'Apr 2025',
      'May 2025',
    ]);
    const twoYears = monthTicks([Date.UTC(2024, 0, 15), Date.UTC(2026, 0, 15)], 'UTC', 8);
    expect(twoYears.length).toBeLessThanOrEqual(8);
    expect(twoYears.length).toBeGreaterThanOrEqual(6);
    expect(utcMonth(twoYears[0]!)).toBe('Feb 2024');
  });

  it('crosses the year and has no ticks for an empty range', () => {
    expect(monthTicks([Date.UTC(2025, 11, 5), Date.UTC(2026, 1, 2)], 'UTC').map(utcMonth)).toEqual([
      'Jan 2026',
      'Feb 2026',
    ]);
    expect(monthTicks([0, 0], 'UTC')).toEqual([]);
  });

  it('ticks at midnight on the 1st in the store’s zone, whatever its offset that month', () => {
    const ny = 'America/New_York';
    const ticks = monthTicks([Date.UTC(2026, 9, 15), Date.UTC(2026, 11, 15)], ny);
    // November 1st starts at 04:00 UTC (summer time, −4 h), December 1st at 05:00 UTC (−5 h).
    expect(ticks).toEqual([Date.parse('2026-11-01T04:00:00Z'), Date.parse('2026-12-01T05:00:00Z')]);
    expect(ticks.map((t) => formatMonth(t, ny))).toEqual(['Nov 2026', 'Dec 2026']);
    // The same instant is still October in New York, but November in UTC.
    expect(formatMonth(Date.parse('2026-11-01T02:00:00Z'), ny)).toBe('Oct 2026');
    expect(formatMonth(Date.parse('2026-11-01T02:00:00Z'), 'UTC')).toBe('Nov 2026');
  });
});
