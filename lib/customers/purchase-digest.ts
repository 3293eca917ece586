import { z } from 'zod';
import { storeEpochDay } from '../time/store-time';
import { netMinor } from '../orders/order';

/**
 * A compact record of a customer's purchase history, kept on their profile so the nightly analysis reads one item
 * per customer instead of every order. Days are the store's calendar days (STORE_TIMEZONE), counted from `start`
 * (the day of the first order); orders on the same day count as one purchase (one trip), as the repeat-purchase
 * models expect. Pure: the zone comes in.
 */
export const purchaseDigestSchema = z.object({
  /** The store's day of the first order, as days since 1970-01-01 (lib/time storeEpochDay). */
  start: z.number().int(),
  /** Days after `start` with at least one order, ascending (the first is 0). */
  days: z.array(z.number().int().nonnegative()),
  /** Net spend on each of those days (the orders' totals less their refunds), minor units. */
  spend: z.array(z.number().int().nonnegative()),
  /** Per category, the indexes into `days` on which it was bought. */
  categories: z.record(z.string(), z.array(z.number().int().nonnegative())),
});
export type PurchaseDigest = z.infer<typeof purchaseDigestSchema>;

/** The store's day of an instant, as a day number: what the digest's days count in. */
export const epochDay = (iso: string, timeZone: string) => storeEpochDay(iso, timeZone);

export interface DigestOrder {
  placedAt: string;
  totalMinor: number;
  /** Refunds lower what the order is worth: spend is net (lib/orders netMinor); a refunded order is still a trip. */
  refundedMinor?: number;
  /** Absent for an order known only from its event (not yet listed): it counts, its categories do not. */
  items?: readonly { categoryId: string }[];
}

export function purchaseDigest(orders: readonly DigestOrder[], timeZone: string): PurchaseDigest | undefined {
  if (!orders.length) return undefined;
  const byDay = new Map<number, { spend: number; categories: Set<string> }>();
  for (const o of orders) {
    const day = epochDay(o.placedAt, timeZone);
    let entry = byDay.get(day);
    if (!entry) byDay.set(day, (entry = { spend: 0, categories: new Set() }));
    entry.spend += netMinor(o);
    for (const item of o.items ?? []) entry.categories.add(item.categoryId);
  }
  const sorted = [...byDay.entries()].sort((a, b) => a[0] - b[0]);
  const start = sorted[0]![0];
  const categories: Record<string, number[]> = {};
  sorted.forEach(([, entry], index) => {
    for (const c of entry.categories) (categories[c] ??= []).push(index);
  });
  return {
    start,
    days: sorted.map(([day]) => day - start),
    spend: sorted.map(([, e]) => e.spend),
    categories,
  };
}
