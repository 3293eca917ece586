import { getItem } from '../db/items';
import { orderSchema, type Order } from './order';

/** One order by id; `consistent` reads the latest write (the by_customer index may not list it yet). */
export async function getOrder(
  orderId: string,
  options: { consistent?: boolean } = {},
): Promise<Order | undefined> {
  const item = await getItem('orders', { orderId }, options);
  return item ? orderSchema.parse(item) : undefined;
}
