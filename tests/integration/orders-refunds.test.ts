import { describe, expect, it } from 'vitest';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { POST as postRefund } from '@/app/api/v1/orders/[orderId]/refunds/route';
import { getConfig } from '@/lib/config';
import { getItem, putItem, queryItems, scanItems } from '@/lib/db/items';
import { settleAfterResponse } from '@/lib/http/after-response';
import { listShardIds, readRecords, shardIterator } from '@/lib/kinesis/consumer/shard-reader';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import type { RefundOutboxRow } from '@/lib/orders/outbox';
import { refundEventId } from '@/lib/orders/refund-event';
import { refundOrderRequestSchema } from '@/lib/orders/refund-order-request';
import { storeRefund } from '@/lib/orders/store-refund';
import { sweepOutbox } from '@/lib/orders/sweep-outbox';
import { getBusinessOverview, getBusinessTotals } from '@/lib/overview/get-business-overview';
import { rebuildBusinessWeeks } from '@/lib/overview/rebuild-business-weeks';
import { params, problem, request } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

const headers = (extra: Record<string, string> = {}) => ({
  'x-api-key': TEST_DEMO_KEY,
  'content-type': 'application/json',
  ...extra,
});

/** 2 × milk at 1.19 and a coffee at 6.49, on a Tuesday: 8.87, in the week of Monday 9 March. */
const ORDER_TOTAL = 2 * 119 + 649;
const WEEK = '2026-03-09';

async function placeOrder(
  orderId: string,
  customerId: string,
  placedAt = '2026-03-10T10:00:00Z',
): Promise<void> {
  const response = await postOrder(
    request('/api/v1/orders', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({
        orderId,
        customerId,
        placedAt,
        items: [
          { productId: 'prd_dairy_01', categoryId: 'cat_dairy', quantity: 2, unitPriceMinor: 119 },
          { productId: 'prd_coffee_03', categoryId: 'cat_coffee', quantity: 1, unitPrice: '6.49' },
        ],
      }),
    }),
  );
  expect(response.status).toBe(201);
  await settleAfterResponse();
}

/** Posts a refund and waits for what the server does after answering (publishing its event, closing its row). */
async function refund(orderId: string, body: unknown, extra: Record<string, string> = {}) {
  const response = await postRefund(
    request(`/api/v1/orders/${orderId}/refunds`, {
      method: 'POST',
      headers: headers(extra),
      body: JSON.stringify(body),
    }),
    params({ orderId }),
  );
  await settleAfterResponse();
  return response;
}

interface Answer {
  refund: { refundId: string; amountMinor: number; items?: { categoryId: string }[] };
  order: { totalMinor: number; refundedMinor: number; netMinor: number; currency: string; net: string };
}

/** How many times a handler completed the refund's event. */
const marks = async (orderId: string, refundId: string, handler: string) =>
  (
    await queryItems('processed_events', {
      keyCondition: 'eventId = :e AND #handler = :h',
      names: { '#handler': 'handler' }, // a reserved word
      values: { ':e': refundEventId(orderId, refundId), ':h': handler },
    })
  ).length;

/** How many records on the stream carry this event id (every shard, from its oldest record). */
async function copiesOnStream(eventId: string): Promise<number> {
  const stream = getConfig().EVENTS_STREAM;
  let copies = 0;
  for (const shardId of await listShardIds(stream)) {
    let iterator: string | undefined = await shardIterator(stream, shardId);
    while (iterator) {
      const page = await readRecords(iterator, 1000);
      if (!page.records.length) break; // the shard's tip
      for (const r of page.records)
        if ((JSON.parse(Buffer.from(r.data).toString('utf8')) as { eventId?: string }).eventId === eventId)
          copies++;
      iterator = page.next;
    }
  }
  return copies;
}

const spent = async (customerId: string) => {
  const c = await getItem('customers', { customerId }, { consistent: true });
  return c && { orderCount: c.orderCount, totalSpentMinor: c.totalSpentMinor };
};
const week = async () => (await getBusinessOverview(WEEK)).weeks.find((w) => w.week === WEEK);

describe('refunds lower an order’s net value', () => {
  useTestStack();

  it('takes a refund once, however often it is sent, and refuses what the order does not hold', async () => {
    await placeOrder('ord_rf_1', 'cus_rf_1');
    const consumer = eventConsumer('refunds');
    await consumer.start();
    await waitFor(async () => (await getBusinessTotals())?.revenueMinor === ORDER_TOTAL, 15_000, 'the order');
    expect(await spent('cus_rf_1')).toEqual({ orderCount: 1, totalSpentMinor: ORDER_TOTAL });

    const body = {
      refundId: 'rf_milk',
      amount: '2.50',
      items: [{ productId: 'prd_dairy_01', quantity: 1 }],
      reason: 'carton split',
    };
    const first = await refund('ord_rf_1', body);
    expect(first.status).toBe(201);
    const answer = (await first.json()) as Answer;
    expect(answer.order).toEqual({
      orderId: 'ord_rf_1',
      currency: 'EUR',
      totalMinor: ORDER_TOTAL,
      refundedMinor: 250,
      netMinor: ORDER_TOTAL - 250,
      total: '8.87',
      refunded: '2.50',
      net: '6.37',
    });
    expect(answer.refund.items?.[0]?.categoryId).toBe('cat_dairy'); // from the order's line

    // The same refund again: the first answer, nothing refunded twice.
    const again = await refund('ord_rf_1', { ...body, amount: '2.5' }); // the same amount, written differently
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(answer);
    expect(await getItem('orders', { orderId: 'ord_rf_1' })).toMatchObject({ refundedMinor: 250 });
    expect((await refund('ord_rf_1', { ...body, amount: '3.00' })).status).toBe(409);

    // What the order does not hold.
    const over = await refund('ord_rf_1', { refundId: 'rf_over', amountMinor: ORDER_TOTAL - 250 + 1 });
    expect(over.status).toBe(422);
    expect((await problem(over)).detail).toContain('what is left on order ord_rf_1: 6.37 EUR');
    const moreMilk = await refund('ord_rf_1', {
      refundId: 'rf_more',
      amountMinor: 100,
      items: [{ productId: 'prd_dairy_01', quantity: 2 }],
    });
    expect(moreMilk.status).toBe(422);
    expect((await problem(moreMilk)).detail).toContain('1 came back already');
    const tea = await refund('ord_rf_1', {
      refundId: 'rf_tea',
      amountMinor: 100,
      items: [{ productId: 'prd_tea_01', quantity: 1 }],
    });
    expect(tea.status).toBe(422);
    expect((await refund('ord_nope', { refundId: 'rf_1', amountMinor: 100 })).status).toBe(404);
    expect((await refund('ord_rf_1', { amountMinor: 100 })).status).toBe(422); // no refund id, no key
    const cents = await refund('ord_rf_1', { refundId: 'rf_cents', amount: '1.005' });
    expect(cents.status).toBe(400);
    expect((await problem(cents)).errors?.[0]?.path).toBe('body.amount');
    // Published and closed: nothing left in the outbox, and none of the refused requests left a row.
    expect(await scanItems('outbox')).toEqual([]);

    // Once the worker has the event: the customer's spend and the Overview's revenue drop by exactly the refund,
    // and the order still counts.
    const net = ORDER_TOTAL - 250;
    await waitFor(async () => (await getBusinessTotals())?.revenueMinor === net, 15_000, 'the refund');
    await waitFor(async () => (await spent('cus_rf_1'))?.totalSpentMinor === net, 15_000, 'the spend');
    expect(await spent('cus_rf_1')).toEqual({ orderCount: 1, totalSpentMinor: net });
    // A new customer's first order: counted as a new customer in its week and in the totals.
    expect(await week()).toMatchObject({ orders: 1, revenueMinor: net, newCustomers: 1, activeCustomers: 1 });
    expect(await getBusinessTotals()).toMatchObject({ orders: 1, revenueMinor: net, customers: 1 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await copiesOnStream(refundEventId('ord_rf_1', 'rf_milk'))).toBe(1); // the retry published none
    expect(await marks('ord_rf_1', 'rf_milk', 'customer-summary')).toBe(1);
    expect(await marks('ord_rf_1', 'rf_milk', 'business-refunds')).toBe(1);

    // The rest refunded, with an Idempotency-Key instead of a refund id: net 0, and still one order.
    const rest = await refund('ord_rf_1', { amount: '6.37' }, { 'idempotency-key': 'return-all-7f' });
    expect(rest.status).toBe(201);
    expect(((await rest.json()) as Answer).order).toMatchObject({ refundedMinor: ORDER_TOTAL, netMinor: 0 });
    await waitFor(async () => (await getBusinessTotals())?.revenueMinor === 0, 15_000, 'the full refund');
    await waitFor(async () => (await spent('cus_rf_1'))?.totalSpentMinor === 0, 15_000, 'the spend at 0');
    expect(await spent('cus_rf_1')).toEqual({ orderCount: 1, totalSpentMinor: 0 });
    expect(await week()).toMatchObject({ orders: 1, revenueMinor: 0, activeCustomers: 1 });
    expect((await refund('ord_rf_1', { refundId: 'rf_cent', amountMinor: 1 })).status).toBe(422);
    await consumer.stop();
    await closeEventPublisher();
  });

  it('finishes a refund whose request died, publishing its event once through the outbox sweeper', async () => {
    const before = (await getBusinessTotals())?.revenueMinor ?? 0;
    await placeOrder('ord_rf_2', 'cus_rf_2');
    const consumer = eventConsumer('refund-crash');
    await consumer.start();
    await waitFor(
      async () => (await spent('cus_rf_2'))?.totalSpentMinor === ORDER_TOTAL,
      15_000,
      'the order',
    );
    // The weeks are counted by a handler after the customer summary: wait for the order there too, or the baseline
    // read below could miss it (a loaded machine widens that gap).
    const revenue = before + ORDER_TOTAL;
    await waitFor(
      async () => (await getBusinessTotals())?.revenueMinor === revenue,
      15_000,
      'the order’s revenue',
    );

    // (a) The process stored the refund on the order, then died before publishing.
    await storeRefund('ord_rf_2', refundOrderRequestSchema.parse({ refundId: 'rf_a', amountMinor: 100 }), {
      clientId: 'key_demo',
    });
    // (b) Another died right after writing its intent, before the refund was on the order.
    const row: RefundOutboxRow = {
      kind: 'refund',
      eventId: refundEventId('ord_rf_2', 'rf_b'),
      createdAt: new Date().toISOString(),
      orderId: 'ord_rf_2',
      customerId: 'cus_rf_2',
      fingerprint: 'f',
      refund: {
        refundId: 'rf_b',
        at: new Date().toISOString(),
        amountMinor: 200,
        source: 'api',
        fingerprint: 'f',
      },
    };
    await putItem('outbox', { ...row });
    // (c) And one that could no longer be taken: more than is left once the others are on the order.
    await putItem('outbox', {
      ...row,
      eventId: refundEventId('ord_rf_2', 'rf_c'),
      refund: { ...row.refund, refundId: 'rf_c', amountMinor: ORDER_TOTAL - 250 },
    });
    expect(await getItem('orders', { orderId: 'ord_rf_2' })).toMatchObject({ refundedMinor: 100 });

    expect(await sweepOutbox(10_000)).toEqual({ published: 0, dropped: 0, failed: 0 }); // still within the grace
    expect(await sweepOutbox(0, Date.now() + 1)).toEqual({ published: 2, dropped: 1, failed: 0 });
    expect(await getItem('orders', { orderId: 'ord_rf_2' })).toMatchObject({ refundedMinor: 300 });
    expect(await sweepOutbox(0, Date.now() + 1)).toEqual({ published: 0, dropped: 0, failed: 0 }); // rows closed

    await waitFor(
      async () => (await spent('cus_rf_2'))?.totalSpentMinor === ORDER_TOTAL - 300,
      15_000,
      'spend',
    );
    await waitFor(
      async () => (await getBusinessTotals())?.revenueMinor === revenue - 300,
      15_000,
      'the revenue',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await marks('ord_rf_2', 'rf_a', 'business-refunds')).toBe(1);
    expect(await marks('ord_rf_2', 'rf_b', 'business-refunds')).toBe(1);
    expect(await marks('ord_rf_2', 'rf_c', 'business-refunds')).toBe(0);
    expect(await copiesOnStream(refundEventId('ord_rf_2', 'rf_a'))).toBe(1);
    expect(await copiesOnStream(refundEventId('ord_rf_2', 'rf_b'))).toBe(1);
    expect(await copiesOnStream(refundEventId('ord_rf_2', 'rf_c'))).toBe(0);
    await consumer.stop();
    await closeEventPublisher();
  });

  it('a rebuild of the Overview from the orders (an import) leaves a refund still on the stream counted once', async () => {
    // An order and its refund are stored and published while no worker runs; then the weeks are rebuilt from the
    // orders table, which already holds the refund; then the worker catches up.
    // (placed now: a rebuild marks only recent orders' purchases as counted, those whose events may still come)
    await placeOrder('ord_rf_3', 'cus_rf_3', new Date().toISOString());
    expect((await refund('ord_rf_3', { refundId: 'rf_r', amountMinor: 300 })).status).toBe(201);
    const rebuilt = await rebuildBusinessWeeks();
    const consumer = eventConsumer('refund-rebuild');
    await consumer.start();
    await waitFor(
      async () => (await marks('ord_rf_3', 'rf_r', 'business-refunds')) === 1,
      15_000,
      'the refund',
    );
    await waitFor(
      async () => (await spent('cus_rf_3'))?.totalSpentMinor === ORDER_TOTAL - 300,
      15_000,
      'spend',
    );
    expect(await getBusinessTotals()).toMatchObject({
      orders: rebuilt.totals.orders,
      revenueMinor: rebuilt.totals.revenueMinor,
    });
    await consumer.stop();
    await closeEventPublisher();
  });

  // (last: its events stay on the stream, unhandled)
  it('lets racing refunds spend what is left once: no lost update, no refund above the total', async () => {
    await placeOrder('ord_rf_race', 'cus_rf_race');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        refund('ord_rf_race', { refundId: `rf_race_${i}`, amountMinor: 300 }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 422, 422, 422, 422]); // 2 × 3.00 fit in 8.87, a third does not
    const stored = (await getItem('orders', { orderId: 'ord_rf_race' }, { consistent: true }))!;
    expect(stored.refundedMinor).toBe(600);
    expect((stored.refunds as unknown[]).length).toBe(2);
    expect(await scanItems('outbox')).toEqual([]); // the refused ones left nothing to publish
    await closeEventPublisher();
  });
});
