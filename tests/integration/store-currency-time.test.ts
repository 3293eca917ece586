import { afterAll, describe, expect, it } from 'vitest';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { GET as overviewRoute } from '@/app/api/v1/overview/route';
import { GET as customerRoute } from '@/app/api/v1/customers/[customerId]/route';
import { resetConfig } from '@/lib/config';
import { getItem, queryItems } from '@/lib/db/items';
import { eventIdFor } from '@/lib/events';
import { settleAfterResponse } from '@/lib/http/after-response';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { getOverview } from '@/lib/overview/get-overview';
import { getBusinessTotals } from '@/lib/overview/get-business-overview';
import { EVENT_HANDLERS } from '@/lib/worker/event-handlers';
import { params, problem, request, sessionCookie } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

// A store in New York that sells in dollars: set before the stack reads the configuration.
process.env.STORE_CURRENCY = 'USD';
process.env.STORE_TIMEZONE = 'America/New_York';
afterAll(() => {
  delete process.env.STORE_CURRENCY;
  delete process.env.STORE_TIMEZONE;
  resetConfig();
});

const post = async (body: Record<string, unknown>, key: string) => {
  const response = await postOrder(
    request('/api/v1/orders', {
      method: 'POST',
      headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    }),
  );
  await settleAfterResponse();
  return response;
};

/** A one-line order of `price` dollars placed at `placedAt` (an instant with its offset). */
const order = (customerId: string, placedAt: string, price: string, extra: Record<string, unknown> = {}) => ({
  customerId,
  placedAt,
  items: [{ productId: 'prd_coffee_03', categoryId: 'cat_coffee', quantity: 1, unitPrice: price }],
  ...extra,
});

describe('a store in USD and New York time', () => {
  useTestStack();

  it('refuses an order in another currency, saying which one it takes', async () => {
    const response = await post(
      order('cus_euro', '2026-11-04T15:00:00Z', '6.49', { currency: 'EUR' }),
      'eur-1',
    );
    expect(response.status).toBe(400);
    const body = await problem(response);
    expect(body.detail).toBe('body.currency: this store takes USD; the order is in EUR');
    expect(await getItem('customers', { customerId: 'cus_euro' })).toBeUndefined();
  });

  it('takes an order in its currency, or naming none, and stores and publishes it in USD', async () => {
    const named = await post(order('cus_usd', '2026-06-04T15:00:00Z', '6.49', { currency: 'USD' }), 'usd-1');
    expect(named.status).toBe(201);
    const { order: stored } = (await named.json()) as { order: { orderId: string; currency: string } };
    expect(stored.currency).toBe('USD');
    expect(await getItem('orders', { orderId: stored.orderId })).toMatchObject({
      currency: 'USD',
      totalMinor: 649,
    });
    const unnamed = await post(order('cus_usd', '2026-06-05T15:00:00Z', '1.50'), 'usd-2');
    expect(unnamed.status).toBe(201);
    expect(((await unnamed.json()) as { order: { currency: string } }).order.currency).toBe('USD');
    // The purchase event waiting in the outbox (or already out) carries the order's currency.
    const rows = await queryItems('outbox', {
      keyCondition: 'eventId = :e',
      values: { ':e': eventIdFor('purchase', stored.orderId) },
    });
    for (const row of rows) expect(JSON.parse(String(row.event)).properties.currency).toBe('USD');
  });

  it('counts a Sunday-night order in its own week, across the November clock change, in USD', async () => {
    // Monday 26 Oct 00:15 (summer time, UTC−4) … Sunday 1 Nov 23:30 (winter time, UTC−5): one week of the store's.
    expect((await post(order('cus_ny', '2026-10-26T00:15:00-04:00', '10.00'), 'ny-1')).status).toBe(201);
    expect((await post(order('cus_ny', '2026-11-01T23:30:00-05:00', '20.00'), 'ny-2')).status).toBe(201);
    // Sunday 8 Nov 23:30 in New York is Monday 9 Nov 04:30 UTC: still the week of Monday 2 Nov.
    expect((await post(order('cus_ny', '2026-11-09T04:30:00Z', '40.00'), 'ny-3')).status).toBe(201);
    // Monday 9 Nov 00:15 in New York: the next week.
    expect((await post(order('cus_ny', '2026-11-09T00:15:00-05:00', '80.00'), 'ny-4')).status).toBe(201);

    const consumer = eventConsumer(
      'store-zone',
      EVENT_HANDLERS.filter((h) => h.name === 'customer-summary' || h.name === 'business-week'),
    );
    await consumer.start();
    const NOW = new Date('2026-11-10T12:00:00Z');
    await waitFor(
      async () => (await getOverview(4, NOW)).weeks.reduce((n, w) => n + w.orders, 0) === 4,
      20_000,
      'the four orders in their weeks',
    );
    await waitFor(
      async () => ((await getBusinessTotals())?.orders ?? 0) >= 4,
      20_000,
      'the orders in the totals',
    );
    await consumer.stop();
    await closeEventPublisher();

    const { currency, timeZone, weeks } = await getOverview(4, NOW);
    expect(weeks.map((w) => [w.week, w.orders, w.revenueMinor])).toEqual([
      ['2026-10-19', 0, 0],
      ['2026-10-26', 2, 3000], // Monday 00:15 EDT and Sunday 23:30 EST: the same week
      ['2026-11-02', 1, 4000], // Sunday 8 Nov 23:30 counts here, not on Monday 9 Nov (UTC)
      ['2026-11-09', 1, 8000],
    ]);
    expect(weeks.find((w) => w.week === '2026-10-26')?.activeCustomers).toBe(1);
    expect({ currency, timeZone }).toEqual({ currency: 'USD', timeZone: 'America/New_York' });
    expect(await getBusinessTotals()).toMatchObject({
      currency: 'USD',
      orders: 6, // with the two of the test before
      revenueMinor: 649 + 150 + 1000 + 2000 + 4000 + 8000,
    });

    // Sunday evening in New York (already Monday in UTC) is still the week of Monday 2 Nov.
    const sundayNight = await getOverview(2, new Date('2026-11-09T04:59:00Z'));
    expect(sundayNight.weeks.map((w) => w.week)).toEqual(['2026-10-26', '2026-11-02']);
  });

  it('says the currency and zone with every amount it returns', async () => {
    const cookie = await sessionCookie('marketing');
    const response = await overviewRoute(request('/api/v1/overview?weeks=2', { headers: { cookie } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ currency: 'USD', timeZone: 'America/New_York' });
    const customer = await customerRoute(
      request('/api/v1/customers/cus_ny', { headers: { cookie } }),
      params({ customerId: 'cus_ny' }),
    );
    expect(customer.status).toBe(200);
    expect(((await customer.json()) as { customer: unknown }).customer).toMatchObject({
      totalSpentMinor: 15000,
      currency: 'USD',
      timeZone: 'America/New_York',
    });
  });
});
