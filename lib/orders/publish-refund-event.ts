import { eventIdFor } from '../events';
import { publishEvent } from '../kinesis/producer';
import type { Order } from './order';
import { closeOutboxRow, getOutboxRow, type RefundOutboxRow } from './outbox';
import { finishPendingPurchase } from './publish-order-event';
import { refundEvent } from './refund-event';

/**
 * Step 3 of a refund: publish its `order_refunded` event (built from the order it is stored on), then close the
 * row. An order whose purchase is still in the outbox (its publish failed, the sweeper has not run yet) has that
 * published first, so consumers on the customer's shard see the purchase before its refund: the Overview never
 * takes off a week revenue it has not added yet. A second publish is a duplicate consumers drop.
 */
export async function publishRefundEvent(row: RefundOutboxRow, order: Order): Promise<void> {
  const purchase = await getOutboxRow(eventIdFor('purchase', order.orderId));
  if (purchase && purchase.kind !== 'refund' && purchase.status !== 'published')
    await finishPendingPurchase(purchase);
  await publishEvent(refundEvent(order, row.refund.refundId));
  await closeOutboxRow(row.eventId);
}
