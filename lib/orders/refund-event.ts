import { eventIdFor, newEvent, type EventOf } from '../events';
import type { Order } from './order';
import { refundOutcome } from './refund-rules';

/** The refund's event id: stable for the order and refund ids, so a second publish is a duplicate consumers drop. */
export const refundEventId = (orderId: string, refundId: string) =>
  eventIdFor('order_refunded', `${orderId}:${refundId}`);

/**
 * The `order_refunded` event of a refund stored on the order. Built from the stored order alone (the refund's own
 * time stands for occurredAt and receivedAt), so every attempt to publish it, by the request or the sweeper,
 * sends the same event.
 */
export function refundEvent(order: Order, refundId: string): EventOf<'order_refunded'> {
  const { refund, order: after } = refundOutcome(order, refundId);
  return newEvent('order_refunded', {
    eventId: refundEventId(order.orderId, refundId),
    customerId: order.customerId,
    occurredAt: refund.refundedAt,
    receivedAt: refund.refundedAt,
    source: 'orders',
    properties: {
      orderId: order.orderId,
      refundId,
      amountMinor: refund.amountMinor,
      currency: order.currency,
      refundedAt: refund.refundedAt,
      placedAt: order.placedAt,
      orderTotalMinor: order.totalMinor,
      totalRefundedMinor: after.refundedMinor,
      ...(refund.items ? { items: refund.items } : {}),
    },
  });
}
