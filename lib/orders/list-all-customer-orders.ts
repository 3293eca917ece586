import { queryItems } from '../db/items';
import { orderSchema, type Order } from './order';

/**
 * Every order of a customer, oldest first (all pages of the by_customer index). The index lags the table on real
 * DynamoDB, so an order just stored may be missing: read it with `getOrder` when its id is known.
 */
export async function listAllCustomerOrders(customerId: string): Promise<Order[]> {
  const items = await queryItems('orders', {
    index: 'by_customer',
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
  });
  return items.map((o) => orderSchema.parse(o));
}
