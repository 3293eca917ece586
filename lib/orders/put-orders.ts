import { batchPut } from '../db/batch';
import { orderSchema, type Order } from './order';

/**
 * Bulk load of past orders (seed, imports): validated, idempotent by orderId. Publishes no events — live orders go
 * through the orders API and its outbox (event-backbone issue).
 */
export async function putOrders(orders: Order[]): Promise<void> {
  await batchPut(
    'orders',
    orders.map((o) => orderSchema.parse(o)),
    6,
  );
}
