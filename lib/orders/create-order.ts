import type { CreateOrderRequest } from './create-order-request';
import { publishOrderEvent } from './publish-order-event';
import { storeOrder, type StoreContext, type StoredOrder } from './store-order';

/**
 * Takes an order: stores it (idempotently, with its pending event in the outbox) and publishes its purchase event.
 * A publishing failure does not fail the order: it is stored and the outbox sweeper publishes it later. With
 * `defer` (the route passes Next's `after`), publishing runs once the answer has gone out, so the client waits
 * only for the store; without it, this resolves after publishing.
 */
export async function createOrder(
  request: CreateOrderRequest,
  context: StoreContext,
  defer?: (task: () => Promise<void>) => void,
): Promise<StoredOrder> {
  const stored = await storeOrder(request, context);
  if (!stored.published) {
    const publish = async () => {
      try {
        await publishOrderEvent(stored.row);
      } catch (error) {
        console.error(
          `[orders] ${stored.order.orderId}: event left for the outbox sweeper: ${(error as Error).message}`,
        );
      }
    };
    if (defer) defer(publish);
    else await publish();
  }
  return stored;
}
