import { z } from 'zod';
import { queryPage } from '../db/items';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { orderSchema, type Order } from './order';

const cursorSchema = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  placedAt: z.string().min(1),
});

/** A customer's orders, newest first, `limit` at a time (DynamoDB pagination on the by_customer index). */
export async function listCustomerOrders(
  customerId: string,
  limit: number,
  cursor?: string,
): Promise<{ orders: Order[]; nextCursor: string | null }> {
  const startKey = cursor ? decodeCursor(cursor, cursorSchema) : undefined;
  if (startKey && startKey.customerId !== customerId) decodeCursor('', cursorSchema); // a cursor of another customer
  const page = await queryPage('orders', {
    index: 'by_customer',
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    forward: false,
    limit,
    startKey,
  });
  const next = page.nextKey as z.infer<typeof cursorSchema> | undefined;
  return {
    orders: page.items.map((o) => orderSchema.parse(o)),
    nextCursor: next
      ? encodeCursor({ orderId: next.orderId, customerId: next.customerId, placedAt: next.placedAt })
      : null,
  };
}
