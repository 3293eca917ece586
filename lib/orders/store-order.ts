import { createHash } from 'node:crypto';
import { putCustomerIfNew } from '../customers/put-customer-if-new';
import { getItem, putItem } from '../db/items';
import { eventIdFor, newEvent } from '../events';
import { conflict, unprocessable } from '../errors/domain-error';
import { isErased } from '../privacy/erasure/tombstones';
import { getProductCategory } from '../products/get-product-category';
import type { CreateOrderRequest } from './create-order-request';
import { orderSchema, type Order } from './order';
import { closeOutboxRow, putOutboxRow, type OutboxRow } from './outbox';

export interface StoreContext {
  /** Who sent it (API key id): an Idempotency-Key is unique per client, not globally. */
  clientId: string;
  idempotencyKey?: string;
}

export interface StoredOrder {
  order: Order;
  row: OutboxRow;
  /** True when the event is known to be out already (nothing left to publish). */
  published: boolean;
  /** False when this request repeated an earlier one: the first result is returned, nothing new is stored. */
  created: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function orderIdFor(request: CreateOrderRequest, context: StoreContext): string {
  if (request.orderId) return request.orderId;
  if (context.idempotencyKey)
    return `ord_${sha256(`${context.clientId}\n${context.idempotencyKey}`).slice(0, 24)}`;
  throw unprocessable(
    'Send an Idempotency-Key header or an orderId, so a retried request cannot create a second order.',
  );
}

async function withCategories(items: CreateOrderRequest['items']): Promise<Order['items']> {
  return Promise.all(
    items.map(async (item) => {
      if (item.categoryId) return { ...item, categoryId: item.categoryId };
      const categoryId = await getProductCategory(item.productId);
      if (categoryId === undefined)
        throw unprocessable(`Unknown product ${item.productId}; send its categoryId with it.`);
      return { ...item, categoryId };
    }),
  );
}

/**
 * Steps 1–3 of taking an order, each idempotent: (1) the outbox row (the intent, conditional on the event id derived
 * from the order id), (2) the order, (3) a new customer's profile. A retry with the same content returns the first
 * result; the same order id with other content is a 409. Publishing is the caller's step 4.
 */
export async function storeOrder(request: CreateOrderRequest, context: StoreContext): Promise<StoredOrder> {
  if (await isErased(request.customerId))
    throw conflict(
      `Customer ${request.customerId} was erased at their request; a returning shopper needs a new customer id.`,
    );
  const orderId = orderIdFor(request, context);
  // The content that makes two requests "the same order": what the client sent (not what we looked up), with the
  // time normalised, so `10:30+01:00` and `09:30Z` are one order.
  const fingerprint = sha256(
    JSON.stringify([
      request.customerId,
      request.currency,
      request.items,
      request.placedAt ? new Date(request.placedAt).toISOString() : null,
    ]),
  );
  const items = await withCategories(request.items);
  const placedAt = request.placedAt ? new Date(request.placedAt).toISOString() : new Date().toISOString();
  const totalMinor = items.reduce((sum, i) => sum + i.quantity * i.unitPriceMinor, 0);
  const order: Order = {
    orderId,
    customerId: request.customerId,
    placedAt,
    currency: request.currency,
    items,
    totalMinor,
    status: 'completed',
    source: 'storefront',
  };
  const event = newEvent('purchase', {
    eventId: eventIdFor('purchase', orderId),
    customerId: order.customerId,
    occurredAt: placedAt,
    source: 'orders',
    properties: { orderId, totalMinor, currency: order.currency, items, placedAt },
  });
  const fresh: OutboxRow = {
    eventId: event.eventId,
    createdAt: new Date().toISOString(),
    orderId,
    fingerprint,
    order,
    event: JSON.stringify(event),
  };
  const existing = await putOutboxRow(fresh);
  if (existing && existing.fingerprint !== fingerprint) {
    throw conflict(
      `Order ${orderId} was already placed with different content; use a new Idempotency-Key or orderId.`,
    );
  }
  const row = existing ?? fresh;
  const stored = await ensureOrderStored(row.order, fingerprint);
  if (!existing && stored.existed) {
    // A retry arriving after the first request's row was closed: the order is older than this row, whose event
    // went out with the first request, so the row is closed without publishing. Same content → the first result.
    await closeOutboxRow(fresh.eventId);
    if (stored.fingerprint !== fingerprint) {
      // (an order stored without a fingerprint came from elsewhere — seed, import — and is not this request's;
      // should this process die before the close above, the sweeper drops the row on the same comparison)
      throw conflict(
        `Order ${orderId} was already placed with different content; use a new Idempotency-Key or orderId.`,
      );
    }
    return { order: stored.order, row: fresh, published: true, created: false };
  }
  if (request.customer)
    await putCustomerIfNew({ customerId: request.customerId, ...request.customer, createdAt: placedAt });
  return { order: row.order, row, published: row.status === 'published', created: !existing };
}

/**
 * Stores the order unless it is there already (a retry, or the sweeper finishing an interrupted request); says
 * whether it was, with the stored order and the fingerprint of the request that placed it.
 */
export async function ensureOrderStored(
  order: Order,
  fingerprint?: string,
): Promise<{ existed: boolean; order: Order; fingerprint?: string }> {
  try {
    await putItem(
      'orders',
      { ...order, ...(fingerprint ? { fingerprint } : {}) },
      {
        condition: 'attribute_not_exists(orderId)',
      },
    );
    return { existed: false, order };
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const current = await getItem('orders', { orderId: order.orderId }, { consistent: true });
    return {
      existed: true,
      // An order placed by other means may not have this shape; the caller refuses it on the fingerprint anyway.
      order: orderSchema.safeParse(current).data ?? order,
      fingerprint: typeof current?.fingerprint === 'string' ? current.fingerprint : undefined,
    };
  }
}
