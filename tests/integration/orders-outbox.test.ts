import { describe, expect, it } from 'vitest';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { settleAfterResponse } from '@/lib/http/after-response';
import { deleteItem, getItem, putItem, queryItems } from '@/lib/db/items';
import { eventIdFor, type PulseEvent } from '@/lib/events';
import { createOrderRequestSchema } from '@/lib/orders/create-order-request';
import { sweepOutbox } from '@/lib/orders/sweep-outbox';
import { getBusinessTotals } from '@/lib/overview/get-business-overview';
import { storeOrder } from '@/lib/orders/store-order';
import { publishEvent, closeEventPublisher } from '@/lib/kinesis/producer';
import { EVENT_HANDLERS } from '@/lib/worker/event-handlers';
import { problem, request } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

/** The worker's handlers that act on a purchase event. */
const PURCHASE_HANDLERS = EVENT_HANDLERS.filter(
  (h) => h.types === '*' || h.types.includes('purchase'),
).length;

const order = (customerId: string, extra: Record<string, unknown> = {}) => ({
  customerId,
  items: [
    { productId: 'prd_dairy_01', categoryId: 'cat_dairy', quantity: 2, unitPriceMinor: 119 },
    { productId: 'prd_coffee_03', categoryId: 'cat_coffee', quantity: 1, unitPrice: '6.49' },
  ],
  ...extra,
});

/** Posts an order and waits for what the server does after answering (publishing the event, closing its row). */
const post = async (body: unknown, headers: Record<string, string> = {}) => {
  const response = await postOrder(
    request('/api/v1/orders', {
      method: 'POST',
      headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
  await settleAfterResponse();
  return response;
};

function startConsumer(workerId: string) {
  return eventConsumer(workerId);
}

/** How many times the customer-summary handler completed this order's purchase event. */
const marks = async (orderId: string) =>
  (
    await queryItems('processed_events', {
      keyCondition: 'eventId = :e AND #handler = :h',
      names: { '#handler': 'handler' }, // a reserved word
      values: { ':e': eventIdFor('purchase', orderId), ':h': 'customer-summary' },
    })
  ).length;

describe('orders, the outbox and the purchase event', () => {
  useTestStack();

  it('a retried request returns the first result and never a second order or event', async () => {
    const first = await post(order('cus_retry'), { 'idempotency-key': 'checkout-7f3a' });
    expect(first.status).toBe(201);
    const body = (await first.json()) as { order: { orderId: string; totalMinor: number } };
    expect(body.order.totalMinor).toBe(2 * 119 + 649);
    const again = await post(order('cus_retry'), { 'idempotency-key': 'checkout-7f3a' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);

    const other = await post(
      order('cus_retry', { items: [{ productId: 'p', categoryId: 'c', quantity: 1, unitPriceMinor: 1 }] }),
      {
        'idempotency-key': 'checkout-7f3a',
      },
    );
    expect(other.status).toBe(409);

    const consumer = startConsumer('retry');
    await consumer.start();
    await waitFor(
      async () => (await getItem('customers', { customerId: 'cus_retry' }))?.orderCount === 1,
      15_000,
      'summary',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await marks(body.order.orderId)).toBe(1);
    expect(consumer.stats().delivered).toBe(PURCHASE_HANDLERS); // once per handler
    await consumer.stop();
    await closeEventPublisher();
  });

  it('an order stored by a process that died before publishing is published once by the sweeper', async () => {
    // The request process stored the outbox row and the order, then died: nothing was published.
    const { order: stored } = await storeOrder(
      createOrderRequestSchema.parse(order('cus_crash', { orderId: 'ord_crash_1' })),
      {
        clientId: 'key_demo',
      },
    );
    expect(await getItem('orders', { orderId: 'ord_crash_1' })).toBeDefined();

    // (kept to play a crash after publishing, below: a published event's row is deleted)
    const row = (await getItem('outbox', { eventId: eventIdFor('purchase', stored.orderId) })) as {
      event: string;
    };
    const consumer = startConsumer('crash');
    await consumer.start();
    expect(await sweepOutbox(10_000)).toEqual({ published: 0, dropped: 0, failed: 0 }); // still within the request's grace
    expect(await sweepOutbox(0, Date.now() + 1)).toEqual({ published: 1, dropped: 0, failed: 0 });
    await waitFor(
      async () => (await getItem('customers', { customerId: 'cus_crash' }))?.orderCount === 1,
      15_000,
      'summary',
    );
    expect(await sweepOutbox(0, Date.now() + 1)).toEqual({ published: 0, dropped: 0, failed: 0 }); // its row is closed
    expect(await getItem('outbox', { eventId: eventIdFor('purchase', stored.orderId) })).toBeUndefined();

    // A crash after publishing but before closing the row publishes the same event again: consumers dedupe on its id.
    await publishEvent(JSON.parse(row.event) as PulseEvent);
    await waitFor(
      async () => consumer.stats().skipped >= PURCHASE_HANDLERS,
      15_000,
      'the duplicate to be skipped by every handler',
    );
    // Handled once per handler, though it arrived twice (the earlier test's order was checkpointed at its stop).
    expect(consumer.stats().delivered).toBe(PURCHASE_HANDLERS);
    expect(await marks('ord_crash_1')).toBe(1);
    expect((await getItem('customers', { customerId: 'cus_crash' }))?.orderCount).toBe(1);
    // The Overview counted the order and its new customer once, despite the second delivery.
    await waitFor(async () => (await getBusinessTotals())?.orders === 2, 15_000, 'both orders in the totals');
    expect(await getBusinessTotals()).toMatchObject({
      orders: 2,
      customers: 2,
      revenueMinor: 2 * (2 * 119 + 649),
    });
    await consumer.stop();
    await closeEventPublisher();
  });

  it('refuses orders that are not exact or not identifiable, saying why', async () => {
    const float = await post(
      order('cus_bad', { items: [{ productId: 'p1', categoryId: 'c', quantity: 1, unitPriceMinor: 12.99 }] }),
      { 'idempotency-key': 'k1' },
    );
    expect(float.status).toBe(400);
    expect((await problem(float)).errors?.[0]?.path).toBe('body.items.0.unitPriceMinor');

    const both = await post(
      order('cus_bad', {
        items: [{ productId: 'p1', categoryId: 'c', quantity: 1, unitPriceMinor: 1, unitPrice: '0.01' }],
      }),
      { 'idempotency-key': 'k2' },
    );
    expect(both.status).toBe(400);

    const noKey = await post(order('cus_bad'));
    expect(noKey.status).toBe(422);
    expect((await problem(noKey)).detail).toContain('Idempotency-Key');

    const unknown = await post(
      order('cus_bad', { items: [{ productId: 'prd_nope', quantity: 1, unitPriceMinor: 5 }] }),
      {
        'idempotency-key': 'k3',
      },
    );
    expect(unknown.status).toBe(422);
    expect((await problem(unknown)).detail).toContain('prd_nope');
  });

  it('stays idempotent after the outbox row has expired, and refuses an order id taken by another order', async () => {
    const first = await post(order('cus_late'), { 'idempotency-key': 'late-retry' });
    const body = (await first.json()) as { order: { orderId: string } };
    await deleteItem('outbox', { eventId: eventIdFor('purchase', body.order.orderId) }); // a week later: expired
    const again = await post(order('cus_late'), { 'idempotency-key': 'late-retry' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
    // The retry left no row to publish: its event went out with the first request.
    expect(await getItem('outbox', { eventId: eventIdFor('purchase', body.order.orderId) })).toBeUndefined();

    await putItem('orders', {
      orderId: 'ord_imported_1',
      customerId: 'cus_x',
      placedAt: '2025-01-01T00:00:00.000Z',
    });
    const taken = await post(order('cus_late', { orderId: 'ord_imported_1' }));
    expect(taken.status).toBe(409);
    // The refused request leaves nothing to publish...
    const takenEventId = eventIdFor('purchase', 'ord_imported_1');
    expect(await getItem('outbox', { eventId: takenEventId })).toBeUndefined();
    // ...and had it died before closing its row, the sweeper drops the row instead of publishing it.
    await putItem('outbox', {
      eventId: takenEventId,
      createdAt: new Date(Date.now() - 60_000).toISOString(),
      orderId: 'ord_imported_1',
      fingerprint: 'not-the-imported-order',
      order: { orderId: 'ord_imported_1', customerId: 'cus_late', placedAt: '2025-01-01T00:00:00.000Z' },
      event: '{}',
    });
    expect(await sweepOutbox(0)).toEqual({ published: 0, dropped: 1, failed: 0 });
    expect(await getItem('outbox', { eventId: takenEventId })).toBeUndefined();
    await closeEventPublisher();
  });
});
