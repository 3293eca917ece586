import { describe, expect, it } from 'vitest';
import { GET as customerOrdersRoute } from '@/app/api/v1/customers/[customerId]/orders/route';
import { GET as customersRoute } from '@/app/api/v1/customers/route';
import { GET as segmentsRoute } from '@/app/api/v1/segments/route';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { customerItemSchema } from '@/lib/customers/customer';
import { deleteItem, getItem, putItem, updateItem } from '@/lib/db/items';
import { forgetCustomerSnapshot } from '@/lib/customers/customer-snapshot';
import type { PulseEvent } from '@/lib/events';
import { assignSegment } from '@/lib/analysis/segments/assign-segment';
import { getStoredEdges } from '@/lib/analysis/segments/edges-store';
import { allConsentStates } from '@/lib/privacy/consent/consent-states';
import { recomputeSegments } from '@/lib/analysis/segments/recompute-segments';
import { writeDataset } from '@/lib/seed/write-dataset';
import type { EventHandler } from '@/lib/kinesis/consumer/handler';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { params, problem, request, sessionCookie } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');

async function get<T>(
  handler: (r: ReturnType<typeof request>, c?: never) => Promise<Response>,
  url: string,
  role = 'marketing' as const,
) {
  const response = await handler(request(url, { headers: { cookie: await sessionCookie(role) } }));
  return { status: response.status, body: (await response.json()) as T };
}

interface Page {
  customers: { customerId: string; displayName: string; totalSpentMinor: number; segment?: string }[];
  total: number;
  nextCursor: string | null;
}

/** Customers the seeded consent lets us score (filled by the first test). */
const SCORED: string[] = [];
const buyer = () => SCORED[3]!;

describe('segments and the customer reads', () => {
  const stack = useTestStack();

  it('scores every customer into a segment and publishes one segment_updated per change, none on a rerun', async () => {
    await writeDataset({ seed: 'segments', customers: 80, end: END, dataDir: stack().dataDir });
    const seen: string[] = [];
    const counter: EventHandler<PulseEvent> = {
      name: 'count-segment-updates',
      types: ['segment_updated'],
      handle: async (e) => {
        seen.push(e.customerId);
      },
    };
    const consumer = eventConsumer('seg', [counter]);
    await consumer.start();
    const first = await recomputeSegments(END);
    // Only customers whose (seeded) consent allows personalization are scored.
    const consent = await allConsentStates();
    const allowed = Array.from({ length: 80 }, (_, i) => `cus_${String(i).padStart(6, '0')}`).filter(
      (id) => consent.stateOf(id).personalization,
    );
    SCORED.push(...allowed);
    expect(allowed.length).toBeGreaterThan(20);
    expect(allowed.length).toBeLessThan(80);
    expect(first).toMatchObject({
      customers: 80,
      scored: allowed.length,
      refused: 80 - allowed.length,
      changed: allowed.length,
    });
    await waitFor(
      async () => seen.length === allowed.length,
      20_000,
      'a segment_updated per scored customer',
    );
    expect(new Set(seen)).toEqual(new Set(allowed));

    const again = await recomputeSegments(END);
    expect(again.changed).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toHaveLength(allowed.length);
    await consumer.stop();
    await closeEventPublisher();

    forgetCustomerSnapshot();
    const { body } = await get<{
      distribution: { segments: { customers: number; share: number }[]; scored: number; unscored: number };
      unscoredWithOrders: number;
    }>(segmentsRoute, '/api/v1/segments');
    expect(body.distribution.scored).toBe(allowed.length);
    // Every seeded customer ordered: the unscored are the ones who refused personalization, not "no orders".
    expect(body.unscoredWithOrders).toBe(80 - allowed.length);
    expect(body.distribution.unscored).toBe(80 - allowed.length);
    expect(body.distribution.segments).toHaveLength(11);
    expect(body.distribution.segments.reduce((s, r) => s + r.customers, 0)).toBe(allowed.length);
  });

  it('publishes one segment_updated when two scorers race on a customer, and keeps every history entry', async () => {
    const customerId = SCORED[5]!;
    // A stale segment, so that rescoring finds a change.
    await updateItem('customers', { customerId }, 'SET #s = :s, rfm = :r', {
      names: { '#s': 'segment' },
      values: { ':s': 'Lost', ':r': { recency: 1, frequency: 1, monetary: 1 } },
    });
    const before = customerItemSchema.parse(await getItem('customers', { customerId }, { consistent: true }));
    const edges = await getStoredEdges();
    if (!edges) throw new Error('the nightly run stored no edges');
    const ids: string[] = [];
    const counter: EventHandler<PulseEvent> = {
      name: 'race-segment-updates',
      types: ['segment_updated'],
      handle: async (e) => {
        if (e.customerId === customerId) ids.push(e.eventId);
      },
    };
    const consumer = eventConsumer('race', [counter]);
    await consumer.start();

    // The purchase handler scores first; the nightly job, which read the customer before that, scores second.
    const first = await assignSegment(customerId, edges, END);
    const second = await assignSegment(customerId, edges, END, before);
    expect(first?.from).toBe('Lost');
    expect(second).toBeNull(); // its write was refused; reading again, it found nothing left to change
    const after = customerItemSchema.parse(await getItem('customers', { customerId }, { consistent: true }));
    expect(after.segmentVersion).toBe((before.segmentVersion ?? 0) + 1);
    expect(after.segmentHistory).toHaveLength((before.segmentHistory?.length ?? 0) + 1);
    await waitFor(async () => ids.length >= 1, 10_000, 'the segment_updated event');
    await new Promise((r) => setTimeout(r, 500));
    expect(ids).toHaveLength(1); // published twice under one id; consumers saw it once
    await consumer.stop();
    await closeEventPublisher();
  });

  it('pages through customers sorted by spend, filters by segment, and searches names only for PII roles', async () => {
    const first = await get<Page>(customersRoute, '/api/v1/customers?sort=totalSpent&order=desc&limit=30');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(80);
    const spend = first.body.customers.map((c) => c.totalSpentMinor);
    expect(spend).toEqual([...spend].sort((a, b) => b - a));
    const second = await get<Page>(
      customersRoute,
      `/api/v1/customers?sort=totalSpent&order=desc&limit=30&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.customers[0]?.totalSpentMinor).toBeLessThanOrEqual(spend.at(-1) ?? 0);
    const ids = new Set([...first.body.customers, ...second.body.customers].map((c) => c.customerId));
    expect(ids.size).toBe(60);

    const segment = first.body.customers[0]?.segment ?? '';
    const filtered = await get<Page>(
      customersRoute,
      `/api/v1/customers?segment=${encodeURIComponent(segment)}&limit=100`,
    );
    expect(filtered.body.customers.every((c) => c.segment === segment)).toBe(true);

    const full = await get<Page>(customersRoute, '/api/v1/customers?limit=1', 'privacy' as never);
    const name = full.body.customers[0]?.displayName.split(' ')[1] ?? '';
    const byNamePrivacy = await get<Page>(customersRoute, `/api/v1/customers?q=${name}`, 'privacy' as never);
    expect(byNamePrivacy.body.total).toBeGreaterThan(0);
    const byNameMarketing = await get<Page>(customersRoute, `/api/v1/customers?q=${name}`);
    expect(byNameMarketing.body.total).toBe(0); // masked readers search by id only
    const byId = await get<Page>(customersRoute, '/api/v1/customers?q=cus_000007');
    expect(byId.body.customers.map((c) => c.customerId)).toEqual(['cus_000007']);
  });

  it('keeps its place when a customer is added ahead of the page being read', async () => {
    const url = '/api/v1/customers?sort=totalSpent&order=desc&limit=30';
    const all = await get<Page>(customersRoute, url.replace('limit=30', 'limit=100'));
    const first = await get<Page>(customersRoute, url);
    // A new big spender lands at the top, before the cursor: an offset would repeat the first page's last row.
    await putItem('customers', {
      customerId: 'cus_newcomer',
      firstName: 'New',
      lastName: 'Comer',
      email: 'new@example.com',
      city: 'Utrecht',
      postcode: '3511',
      createdAt: new Date().toISOString(),
      orderCount: 1,
      totalSpentMinor: 99_999_999,
    });
    forgetCustomerSnapshot();
    try {
      const second = await get<Page>(customersRoute, `${url}&cursor=${first.body.nextCursor}`);
      expect(second.body.customers.map((c) => c.customerId)).toEqual(
        all.body.customers.slice(30, 60).map((c) => c.customerId),
      );
    } finally {
      await deleteItem('customers', { customerId: 'cus_newcomer' });
      forgetCustomerSnapshot();
    }
  });

  it('refuses a cursor it did not issue or one from another search', async () => {
    const bad = await customersRoute(
      request('/api/v1/customers?cursor=bm9wZQ', { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(bad.status).toBe(400);
    expect((await problem(bad)).detail).toContain('cursor');
    const { body } = await get<Page>(customersRoute, '/api/v1/customers?limit=5&sort=orderCount');
    const other = await customersRoute(
      request(`/api/v1/customers?limit=5&sort=createdAt&cursor=${body.nextCursor}`, {
        headers: { cookie: await sessionCookie('marketing') },
      }),
    );
    expect(other.status).toBe(400);
  });

  it("lists a customer's orders newest first, a page at a time", async () => {
    const top = await get<Page>(customersRoute, '/api/v1/customers?sort=orderCount&order=desc&limit=1');
    const customerId = top.body.customers[0]?.customerId ?? '';
    const url = `/api/v1/customers/${customerId}/orders?limit=3`;
    const call = async (u: string) => {
      const response = await customerOrdersRoute(
        request(u, { headers: { cookie: await sessionCookie('marketing') } }),
        params({ customerId }),
      );
      return (await response.json()) as {
        orders: { orderId: string; placedAt: string }[];
        nextCursor: string | null;
      };
    };
    const first = await call(url);
    const dates = first.orders.map((o) => o.placedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(first.nextCursor).not.toBeNull(); // the most frequent buyer has more than three orders
    if (first.nextCursor) {
      const second = await call(`${url}&cursor=${first.nextCursor}`);
      expect((second.orders[0]?.placedAt ?? '') < (dates.at(-1) ?? '')).toBe(true);
    }
  });

  it('a purchase refreshes the buyer’s summary and rescoring against the nightly edges', async () => {
    const before = (await getItem('customers', { customerId: buyer() })) as {
      orderCount: number;
      segmentUpdatedAt: string;
    };
    const response = await postOrder(
      request('/api/v1/orders', {
        method: 'POST',
        headers: {
          'x-api-key': TEST_DEMO_KEY,
          'content-type': 'application/json',
          'idempotency-key': 'seg-1',
        },
        body: JSON.stringify({
          customerId: buyer(),
          items: [{ productId: 'prd_wine_01', categoryId: 'cat_wine', quantity: 6, unitPrice: '89.90' }],
        }),
      }),
    );
    expect(response.status).toBe(201);
    const consumer = eventConsumer('buyer');
    await consumer.start();
    await waitFor(
      async () =>
        ((await getItem('customers', { customerId: buyer() })) as { orderCount: number }).orderCount ===
        before.orderCount + 1,
      20_000,
      'the summary to count the new order',
    );
    await waitFor(
      async () =>
        ((await getItem('customers', { customerId: buyer() })) as { segmentUpdatedAt: string })
          .segmentUpdatedAt > before.segmentUpdatedAt,
      20_000,
      'the buyer to be rescored',
    );
    const after = (await getItem('customers', { customerId: buyer() })) as { rfm: { recency: number } };
    expect(after.rfm.recency).toBe(5); // just bought
    await consumer.stop();
    await closeEventPublisher();
  });
});
