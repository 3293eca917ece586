import { minorDigits } from '../money/currency';
import type { Order } from '../orders/order';
import { storeDay, storeDayStart } from '../time/store-time';

/** One order as a point of the customer's orders timeline chart. */
export interface OrderTimelinePoint {
  orderId: string;
  /** placedAt in ms since the epoch, for a time axis. */
  t: number;
  /** The store's calendar day of the order, YYYY-MM-DD. */
  date: string;
  /** Order value in major units of the store's currency (euros to the cent, yen, dinars to the fils). */
  value: number;
  /** Units bought (sum of line quantities). */
  items: number;
}

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function orderItemCount(order: Pick<Order, 'items'>): number {
  return order.items.reduce((sum, item) => sum + item.quantity, 0);
}

/**
 * Orders (the API sends them newest first, a page at a time) as chart points, oldest first, in the store's
 * `currency` and days of its `timeZone`. An order that arrives twice (pages fetched again) is drawn once; an
 * unreadable date is left out rather than drawn at 1970.
 */
export function toOrdersTimeline(
  orders: readonly Pick<Order, 'orderId' | 'placedAt' | 'totalMinor' | 'items'>[],
  currency: string,
  timeZone: string,
): OrderTimelinePoint[] {
  const scale = 10 ** minorDigits(currency);
  const seen = new Set<string>();
  const points: OrderTimelinePoint[] = [];
  for (const order of orders) {
    const t = Date.parse(order.placedAt);
    if (!Number.isFinite(t) || seen.has(order.orderId)) continue;
    seen.add(order.orderId);
    points.push({
      orderId: order.orderId,
      t,
      date: storeDay(new Date(t), timeZone),
      value: order.totalMinor / scale,
      items: orderItemCount(order),
    });
  }
  return points.sort((a, b) => a.t - b.t || a.orderId.localeCompare(b.orderId));
}

/** The time axis range: the orders plus a margin, so a single order or the first and last are not on the frame. */
export function timelineDomain(points: readonly OrderTimelinePoint[]): [number, number] {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return [0, 0];
  const pad = Math.max(7 * DAY_MS, Math.round((last.t - first.t) * 0.03));
  return [first.t - pad, last.t + pad];
}

/**
 * Month starts (midnight on the 1st in the store's zone) inside the domain, thinned to at most `maxTicks` so labels
 * do not collide.
 */
export function monthTicks([from, to]: [number, number], timeZone: string, maxTicks = 8): number[] {
  if (!(to > from) || maxTicks < 1) return [];
  const [y, m] = storeDay(new Date(from), timeZone).split('-').map(Number) as [number, number];
  let year = y;
  let month = m; // 0-based index of the month after `from`'s
  const all: number[] = [];
  for (;;) {
    if (month > 11) {
      year += 1;
      month = 0;
    }
    const t = storeDayStart(`${year}-${String(month + 1).padStart(2, '0')}-01`, timeZone).getTime();
    if (t > to) break;
    if (t >= from) all.push(t);
    month += 1;
  }
  const step = Math.max(1, Math.ceil(all.length / maxTicks));
  return all.filter((_, i) => i % step === 0);
}

/** Axis label of a month tick, in the store's zone: "Mar 2026". */
export function formatMonth(t: number, timeZone: string): string {
  const [year, month] = storeDay(new Date(t), timeZone).split('-').map(Number) as [number, number];
  return `${MONTHS[month - 1]} ${year}`;
}
