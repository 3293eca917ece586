import { batchGet } from '../db/batch';
import { orderSchema, type Order } from './order';

/** Several orders by id (100 per request, consistent), in any order; ids not stored are absent. */
export async function getOrders(orderIds: readonly string[], concurrency = 4): Promise<Order[]> {
  const items = await batchGet(
    'orders',
    orderIds.map((orderId) => ({ orderId })),
    { consistent: true, concurrency },
  );
  return items.map((o) => orderSchema.parse(o));
}
