import { getConfig } from '../config';
import { forEachLimit } from '../for-each-limit';
import { ConditionFailedError, getItem, updateItem } from '../db/items';
import { getOrder } from '../orders/get-order';
import { netMinor } from '../orders/order';
import { listAllCustomerOrders } from '../orders/list-all-customer-orders';
import { purchaseDigest, type DigestOrder, type PurchaseDigest } from './purchase-digest';
import { customerItemSchema, type CustomerItem } from './customer';

/**
 * Recomputes a customer's order summary from their orders (the source of truth) rather than incrementing it, so
 * handling the same purchase or refund event twice changes nothing. Money is net of refunds (`totalSpentMinor`,
 * the digest's spend); an order refunded in full still counts in `orderCount`. A customer first seen through an
 * order gets a profile with empty name fields until the storefront sends one; a refund alone creates none (its
 * order may belong to an erased customer, whose orders carry a reference instead).
 */
const EMPTY_DIGEST: PurchaseDigest = { start: 0, days: [], spend: [], categories: {} };

export interface SummaryTrigger {
  orderId: string;
  placedAt: string;
  totalMinor: number;
  /** Set by a refund: the order's refunds by then. A listed copy showing less is stale (the index lags updates). */
  refundedMinor?: number;
}

/**
 * Written only over a summary counting fewer orders, or as many with no more refunds; a refund's recompute only
 * over an existing profile. Flat (AND binds tighter than OR): dynalite's parser takes about 4 ms more per write
 * for the same condition with nested parentheses, which made this write most of an import's customers pass.
 */
const SUMMARY_TERMS = [
  'attribute_not_exists(orderCount)',
  'orderCount < :n',
  'orderCount = :n AND attribute_not_exists(refundCount)',
  'orderCount = :n AND refundCount <= :r',
];
const SUMMARY_CONDITION = SUMMARY_TERMS.join(' OR ');
const REFUND_SUMMARY_CONDITION = SUMMARY_TERMS.map((t) => `attribute_exists(customerId) AND ${t}`).join(
  ' OR ',
);

async function refreshCustomerSummary(
  customerId: string,
  /** The orders whose events triggered this: indexes lag on real DynamoDB, so they count even if not yet listed. */
  triggers: readonly SummaryTrigger[] = [],
): Promise<CustomerItem | undefined> {
  const listed = await listAllCustomerOrders(customerId);
  const byId = new Map<string, SummaryTrigger & DigestOrder & { refunds?: readonly unknown[] }>(
    listed.map((o) => [o.orderId, o]),
  );
  for (const trigger of triggers) {
    const known = byId.get(trigger.orderId);
    if (known && (known.refundedMinor ?? 0) >= (trigger.refundedMinor ?? 0)) continue;
    // Not in the index yet, or listed without this refund: the order itself (a consistent read) gives its
    // categories and refunds to the purchase digest.
    const stored = await getOrder(trigger.orderId, { consistent: true });
    byId.set(trigger.orderId, stored ?? trigger);
  }
  const orders = [...byId.values()];
  const refunds = orders.reduce((n, o) => n + (o.refunds?.length ?? 0), 0);
  const refundOnly = triggers.length > 0 && triggers.every((t) => t.refundedMinor !== undefined);
  const placed = orders.map((o) => o.placedAt).sort();
  // Never replace a summary that already counts more orders, or as many with more refunds (a slower, staler
  // recompute finishing last).
  let item: Record<string, unknown> | undefined;
  try {
    item = await updateItem(
      'customers',
      { customerId },
      'SET orderCount = :n, refundCount = :r, totalSpentMinor = :t, firstOrderAt = :f, lastOrderAt = :l, purchases = :d, ' +
        'firstName = if_not_exists(firstName, :e), lastName = if_not_exists(lastName, :e), ' +
        'email = if_not_exists(email, :e), city = if_not_exists(city, :e), postcode = if_not_exists(postcode, :e), ' +
        'createdAt = if_not_exists(createdAt, :f)',
      {
        values: {
          ':n': orders.length,
          ':r': refunds,
          ':t': orders.reduce((sum, o) => sum + netMinor(o), 0),
          ':f': placed[0] ?? new Date().toISOString(),
          ':l': placed.at(-1) ?? new Date().toISOString(),
          ':e': '',
          ':d': purchaseDigest(orders, getConfig().STORE_TIMEZONE) ?? EMPTY_DIGEST,
        },
        condition: refundOnly ? REFUND_SUMMARY_CONDITION : SUMMARY_CONDITION,
      },
    );
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    item = await getItem('customers', { customerId }, { consistent: true });
  }
  return item ? customerItemSchema.parse(item) : undefined;
}

/**
 * The summaries of several customers, one recompute each however many of their orders are in `triggers`, a few
 * customers at a time.
 */
export async function refreshCustomerSummaries(
  triggers: readonly (SummaryTrigger & { customerId: string })[],
  concurrency = 8,
): Promise<void> {
  const byCustomer = new Map<string, SummaryTrigger[]>();
  for (const { customerId, ...trigger } of triggers) {
    const list = byCustomer.get(customerId) ?? [];
    list.push(trigger);
    byCustomer.set(customerId, list);
  }
  await forEachLimit([...byCustomer], concurrency, async ([customerId, list]) => {
    await refreshCustomerSummary(customerId, list);
  });
}
