import { forEachLimit } from '../for-each-limit';
import { ConditionFailedError, getItem, updateItem } from '../db/items';
import { getOrder } from '../orders/get-order';
import { listAllCustomerOrders } from '../orders/list-all-customer-orders';
import { purchaseDigest, type DigestOrder, type PurchaseDigest } from './purchase-digest';
import { customerItemSchema, type CustomerItem } from './customer';

/**
 * Recomputes a customer's order summary from their orders (the source of truth) rather than incrementing it, so
 * handling the same purchase event twice changes nothing. A customer first seen through an order gets a profile
 * with empty name fields until the storefront sends one.
 */
const EMPTY_DIGEST: PurchaseDigest = { start: 0, days: [], spend: [], categories: {} };

export interface SummaryTrigger {
  orderId: string;
  placedAt: string;
  totalMinor: number;
}

async function refreshCustomerSummary(
  customerId: string,
  /** The orders whose events triggered this: indexes lag on real DynamoDB, so they count even if not yet listed. */
  triggers: readonly SummaryTrigger[] = [],
): Promise<CustomerItem | undefined> {
  const listed = await listAllCustomerOrders(customerId);
  const listedIds = new Set(listed.map((o) => o.orderId));
  const orders: (SummaryTrigger & DigestOrder)[] = [...listed];
  for (const trigger of triggers) {
    if (listedIds.has(trigger.orderId)) continue;
    listedIds.add(trigger.orderId);
    // Not in the index yet: the order itself (a consistent read) gives its categories to the purchase digest.
    const stored = await getOrder(trigger.orderId, { consistent: true });
    orders.push(stored ?? trigger);
  }
  const placed = orders.map((o) => o.placedAt).sort();
  // Never replace a summary that already counts more orders (a slower, staler recompute finishing last).
  let item: Record<string, unknown> | undefined;
  try {
    item = await updateItem(
      'customers',
      { customerId },
      'SET orderCount = :n, totalSpentMinor = :t, firstOrderAt = :f, lastOrderAt = :l, purchases = :d, ' +
        'firstName = if_not_exists(firstName, :e), lastName = if_not_exists(lastName, :e), ' +
        'email = if_not_exists(email, :e), city = if_not_exists(city, :e), postcode = if_not_exists(postcode, :e), ' +
        'createdAt = if_not_exists(createdAt, :f)',
      {
        values: {
          ':n': orders.length,
          ':t': orders.reduce((sum, o) => sum + o.totalMinor, 0),
          ':f': placed[0] ?? new Date().toISOString(),
          ':l': placed.at(-1) ?? new Date().toISOString(),
          ':e': '',
          ':d': purchaseDigest(orders) ?? EMPTY_DIGEST,
        },
        condition: 'attribute_not_exists(orderCount) OR orderCount <= :n',
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
