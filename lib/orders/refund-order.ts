import { publishRefundEvent } from './publish-refund-event';
import type { RefundOrderRequest } from './refund-order-request';
import { refundOutcome, type RefundOutcome } from './refund-rules';
import { storeRefund, type RefundContext } from './store-refund';

/**
 * Takes a refund of an order: stores it on the order (idempotently, with its pending event in the outbox) and
 * publishes `order_refunded`. A publishing failure does not fail the refund: the outbox sweeper publishes it later.
 * With `defer` (the route passes Next's `after`), publishing runs once the answer has gone out. Answers the refund
 * and the order's total, refunded and net values as they stood right after it, the same on every retry.
 */
export async function refundOrder(
  orderId: string,
  request: RefundOrderRequest,
  context: RefundContext,
  defer?: (task: () => Promise<void>) => void,
): Promise<RefundOutcome & { created: boolean }> {
  const stored = await storeRefund(orderId, request, context);
  if (!stored.published) {
    const publish = async () => {
      try {
        await publishRefundEvent(stored.row, stored.order);
      } catch (error) {
        console.error(
          `[orders] ${orderId} refund ${stored.refundId}: event left for the outbox sweeper: ${(error as Error).message}`,
        );
      }
    };
    if (defer) defer(publish);
    else await publish();
  }
  return { ...refundOutcome(stored.order, stored.refundId), created: stored.created };
}
