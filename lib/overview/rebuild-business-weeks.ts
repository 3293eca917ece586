import { batchDelete, batchPut } from '../db/batch';
import { queryItems } from '../db/items';
import { getConfig } from '../config';
import { eventIdFor } from '../events';
import { netMinor } from '../orders/order';
import { refundEventId } from '../orders/refund-event';
import { scanOrderFacts } from '../orders/scan-order-facts';
import { storeWeekStart } from '../time/store-time';
import { BUSINESS_WEEK_METRIC, type BusinessTotals, type BusinessWeek } from './business-week';
import { putBusinessWeeks } from './put-business-weeks';
import { REFUND_MARKER } from './record-refunds-in-weeks';

/** As in record-purchase-in-weeks.ts: markers guard against redelivered events, which arrive within a week. */
const MARKER_TTL_SECONDS = 8 * 24 * 3600;
const DAY_MS = 86_400_000;
const PAIR = 2 ** 32; // a (week, customer) pair as one number: the Monday's day number × PAIR + customer index

/** A typed array that grows, so a number per order costs 8 bytes instead of a Set entry. */
class Float64List {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  get(index: number): number {
    return this.data[index]!;
  }
  set(index: number, value: number): void {
    this.data[index] = value;
  }
  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

export interface RebuiltWeeks {
  weeks: number;
  totals: BusinessTotals;
  /** Counted-once markers written for facts recent enough that a live event about them may still arrive. */
  markers: number;
  seconds: number;
}

const emptyWeek = (week: string): BusinessWeek => ({
  week,
  orders: 0,
  revenueMinor: 0,
  activeCustomers: 0,
  newCustomers: 0,
});

/**
 * Rebuilds the Overview's weekly series and running totals from the orders table, for bulk changes that publish no
 * purchase events (an import): each week's orders, net revenue (after refunds; orders in the store's currency),
 * distinct buyers and first-time buyers, weeks starting Monday 00:00 in the store's time zone; the totals count
 * customers who have ordered. Week rows no order falls in any more are deleted. Memory: a customer index entry per
 * customer and 8 bytes per order, whatever the table's size.
 *
 * The worker keeps counting live purchases meanwhile. For facts of the last MARKER_TTL (the only ones whose event
 * can still arrive) the counted-once markers are written before the weeks, so an event handled after the rebuild is
 * not counted twice; one handled while the rebuild runs may be lost by its overwrite (seconds; the next rebuild
 * corrects it).
 */
export async function rebuildBusinessWeeks(now = new Date()): Promise<RebuiltWeeks> {
  const started = performance.now();
  const { STORE_TIMEZONE: zone, STORE_CURRENCY: currency } = getConfig();
  // Week starts by 15-minute slot (every zone offset is a multiple of 15 minutes, so a slot lies in one week):
  // the time-zone arithmetic runs once per slot, not once per order.
  const slotWeeks = new Map<number, string>();
  const weekOf = (placedAt: string) => {
    const slot = Math.floor(Date.parse(placedAt) / 900_000);
    let week = slotWeeks.get(slot);
    if (!week) slotWeeks.set(slot, (week = storeWeekStart(placedAt, zone)));
    return week;
  };
  const weekNumber = (week: string) => Date.parse(`${week}T00:00:00Z`) / DAY_MS;
  const weekOfNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

  const customerIds: string[] = [];
  const customerIndex = new Map<string, number>();
  const firstAt = new Float64List(); // by customer index: their earliest order time
  const active = new Float64List(); // one (week, customer) pair per order
  const weeks = new Map<string, BusinessWeek>();
  const recentFrom = now.getTime() - MARKER_TTL_SECONDS * 1000;
  const markers: { metric: string; bucket: string }[] = [];
  let orders = 0;
  let revenueMinor = 0;
  for await (const page of scanOrderFacts()) {
    for (const order of page) {
      const at = Date.parse(order.placedAt);
      let index = customerIndex.get(order.customerId);
      if (index === undefined) {
        index = customerIds.length;
        customerIndex.set(order.customerId, index);
        customerIds.push(order.customerId);
        firstAt.push(at);
      } else if (at < firstAt.get(index)) firstAt.set(index, at);
      const week = weekOf(order.placedAt);
      let row = weeks.get(week);
      if (!row) weeks.set(week, (row = emptyWeek(week)));
      const net = (order.currency ?? currency) === currency ? netMinor(order) : 0;
      row.orders++;
      row.revenueMinor += net;
      orders++;
      revenueMinor += net;
      active.push(weekNumber(week) * PAIR + index);
      if (at >= recentFrom)
        markers.push({ metric: 'business:counted', bucket: eventIdFor('purchase', order.orderId) });
      // The net revenue above already lacks the order's refunds: a refund event still to come takes nothing off.
      for (const refund of order.refunds ?? [])
        if (Date.parse(refund.at) >= recentFrom)
          markers.push({ metric: REFUND_MARKER, bucket: refundEventId(order.orderId, refund.refundId) });
    }
  }

  const recentWeek = weekNumber(weekOf(new Date(recentFrom).toISOString()));
  const pairs = active.sorted();
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0 && pairs[i] === pairs[i - 1]) continue;
    const n = Math.floor(pairs[i]! / PAIR);
    weeks.get(weekOfNumber(n))!.activeCustomers++;
    if (n >= recentWeek)
      markers.push({ metric: `business:active:${weekOfNumber(n)}`, bucket: customerIds[pairs[i]! % PAIR]! });
  }
  for (let index = 0; index < customerIds.length; index++) {
    const first = new Date(firstAt.get(index)).toISOString();
    weeks.get(weekOf(first))!.newCustomers++;
    if (firstAt.get(index) >= recentFrom)
      markers.push({ metric: 'business:new', bucket: customerIds[index]! });
  }

  const expiresAt = Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS;
  await batchPut(
    'business_weeks',
    markers.map((m) => ({ ...m, expiresAt })),
  );
  const stale = (
    await queryItems('business_weeks', {
      keyCondition: 'metric = :m',
      values: { ':m': BUSINESS_WEEK_METRIC },
    })
  ).filter((row) => !weeks.has(String(row.bucket)));
  await batchDelete('business_weeks', stale);
  const series = [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
  const totals: BusinessTotals = {
    customers: customerIds.length,
    orders,
    revenueMinor,
    currency,
    updatedAt: now.toISOString(),
  };
  await putBusinessWeeks(series, totals);
  return {
    weeks: series.length,
    totals,
    markers: markers.length,
    seconds: (performance.now() - started) / 1000,
  };
}
