import { batchGet, batchPut } from '../db/batch';
import { updateItem } from '../db/items';
import { getConfig } from '../config';
import { storeWeekStart } from '../time/store-time';
import { BUSINESS_TOTALS_METRIC, BUSINESS_WEEK_METRIC } from './business-week';

// Markers live as long as a redelivery can arrive (Kinesis keeps records up to a week here), then expire.
const MARKER_TTL_SECONDS = 8 * 24 * 3600;

export interface CountedPurchase {
  eventId: string;
  customerId: string;
  placedAt: string;
  totalMinor: number;
  /** This is the customer's first order ever (a new customer in its week and in the totals). */
  firstOrder: boolean;
}

interface Delta {
  orders: number;
  revenueMinor: number;
  activeCustomers: number;
  newCustomers: number;
}

const markerKey = (metric: string, bucket: string) => `${metric}\n${bucket}`;

/**
 * Adds purchases to their weeks and to the running totals behind the Overview. Each fact is counted once: the
 * event, the customer's activity in that week, and a first-ever order (new customer) each claim a marker item
 * before their counter moves, so a redelivered event adds nothing. Markers are read and written per batch (only
 * the owner of a customer's shard makes them: a customer's events share a shard), and the counters move once per
 * week touched, not once per purchase. A crash between the claims and the counters loses those increments rather
 * than doubling them.
 */
export async function recordPurchasesInWeeks(purchases: readonly CountedPurchase[]): Promise<void> {
  if (!purchases.length) return;
  const { STORE_TIMEZONE: zone, STORE_CURRENCY: currency } = getConfig();
  // The store's week (Monday in its zone): a Sunday-night order in New York is Monday in UTC, but last week's.
  const weekStart = (placedAt: string) => storeWeekStart(placedAt, zone);
  const candidates = purchases.flatMap((p) => [
    { metric: 'business:counted', bucket: p.eventId },
    { metric: `business:active:${weekStart(p.placedAt)}`, bucket: p.customerId },
    ...(p.firstOrder ? [{ metric: 'business:new', bucket: p.customerId }] : []),
  ]);
  const claimed = new Set(
    (await batchGet('business_weeks', candidates, { consistent: true })).map((m) =>
      markerKey(String(m.metric), String(m.bucket)),
    ),
  );
  const claims: { metric: string; bucket: string }[] = [];
  const claim = (metric: string, bucket: string) => {
    const key = markerKey(metric, bucket);
    if (claimed.has(key)) return false;
    claimed.add(key);
    claims.push({ metric, bucket });
    return true;
  };
  const weeks = new Map<string, Delta>();
  const totals: Delta = { orders: 0, revenueMinor: 0, activeCustomers: 0, newCustomers: 0 };
  for (const p of purchases) {
    if (!claim('business:counted', p.eventId)) continue;
    const week = weekStart(p.placedAt);
    const active = claim(`business:active:${week}`, p.customerId) ? 1 : 0;
    const isNew = p.firstOrder && claim('business:new', p.customerId) ? 1 : 0;
    const delta = weeks.get(week) ?? { orders: 0, revenueMinor: 0, activeCustomers: 0, newCustomers: 0 };
    delta.orders++;
    delta.revenueMinor += p.totalMinor;
    delta.activeCustomers += active;
    delta.newCustomers += isNew;
    weeks.set(week, delta);
    totals.orders++;
    totals.revenueMinor += p.totalMinor;
    totals.newCustomers += isNew;
  }
  if (!claims.length) return;
  const expiresAt = Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS;
  await batchPut(
    'business_weeks',
    claims.map((c) => ({ ...c, expiresAt })),
  );
  for (const [week, delta] of weeks) {
    await updateItem(
      'business_weeks',
      { metric: BUSINESS_WEEK_METRIC, bucket: week },
      'SET #week = :week ADD #orders :orders, revenueMinor :rev, activeCustomers :active, newCustomers :new',
      {
        names: { '#orders': 'orders', '#week': 'week' }, // guard against reserved words
        values: {
          ':week': week,
          ':orders': delta.orders,
          ':rev': delta.revenueMinor,
          ':active': delta.activeCustomers,
          ':new': delta.newCustomers,
        },
      },
    );
  }
  if (totals.orders)
    await updateItem(
      'business_weeks',
      { metric: BUSINESS_TOTALS_METRIC, bucket: 'all' },
      'SET currency = if_not_exists(currency, :currency), updatedAt = :now ADD #orders :orders, revenueMinor :rev, customers :new',
      {
        names: { '#orders': 'orders' },
        values: {
          ':currency': currency,
          ':now': new Date().toISOString(),
          ':orders': totals.orders,
          ':rev': totals.revenueMinor,
          ':new': totals.newCustomers,
        },
      },
    );
}
