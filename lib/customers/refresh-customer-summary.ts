import { ConditionFailedError, getItem, queryItems, updateItem } from '../db/items';
import { orderSchema } from '../orders/order';
import { customerItemSchema, type CustomerItem } from './customer';

/**
 * Recomputes a customer's order summary from their orders (the source of truth) rather than incrementing it, so
 * handling the same purchase event twice changes nothing. A customer first seen through an order gets a profile
 * with empty name fields until the storefront sends one.
 */
export async function refreshCustomerSummary(
  customerId: string,
  /** The order whose event triggered this: indexes lag on real DynamoDB, so it is counted even if not yet listed. */
  trigger?: { orderId: string; placedAt: string; totalMinor: number },
): Promise<CustomerItem | undefined> {
  const listed = (
    await queryItems('orders', {
      index: 'by_customer',
      keyCondition: 'customerId = :c',
      values: { ':c': customerId },
    })
  ).map((o) => orderSchema.parse(o));
  const orders: { orderId: string; placedAt: string; totalMinor: number }[] =
    trigger && !listed.some((o) => o.orderId === trigger.orderId) ? [...listed, trigger] : listed;
  const placed = orders.map((o) => o.placedAt).sort();
  // Never replace a summary that already counts more orders (a slower, staler recompute finishing last).
  let item: Record<string, unknown> | undefined;
  try {
    item = await updateItem(
      'customers',
      { customerId },
      'SET orderCount = :n, totalSpentMinor = :t, firstOrderAt = :f, lastOrderAt = :l, ' +
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
