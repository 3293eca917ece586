import type { CreateOrderRequest } from './create-order-request';
import { publishOrderEvent } from './publish-order-event';
import { storeOrder, type StoreContext, type StoredOrder } from './store-order';

/**
 * Takes an order: stores it (idempotently, with its pending event in the outbox) and publishes its purchase event.
 * A publishing failure does not fail the order: it is stored and the outbox sweeper publishes it later.
 */
export async function createOrder(request: CreateOrderRequest, context: StoreContext): Promise<StoredOrder> {
  const stored = await storeOrder(request, context);
  if (stored.row.status === 'pending') {
    try {
      await publishOrderEvent(stored.row);
    } catch (error) {
      console.error(
        `[orders] ${stored.order.orderId}: event left for the outbox sweeper: ${(error as Error).message}`,
      );
    }
  }
  return stored;
}
