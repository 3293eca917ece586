import { describe, expect, it } from 'vitest';
import { PUT as putConsent } from '@/app/api/v1/consent/[customerId]/route';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { GET as exportRoute } from '@/app/api/v1/privacy/requests/[requestId]/export/route';
import { POST as transitionRoute } from '@/app/api/v1/privacy/requests/[requestId]/transitions/route';
import { GET as listRequests, POST as createRequest } from '@/app/api/v1/privacy/requests/route';
import { GET as verifyRoute } from '@/app/api/v1/privacy/audit/verify/route';
import { getConfig } from '@/lib/config';
import { batchDelete } from '@/lib/db/batch';
import { deleteItem, getItem, putItem, scanItems } from '@/lib/db/items';
import { TABLES } from '@/lib/db/tables';
import { settleAfterResponse } from '@/lib/http/after-response';
import { eraseCustomerData } from '@/lib/privacy/erasure/erase-customer';
import { pseudonymFor } from '@/lib/privacy/pseudonym';
import { getPrivacyRequest, saveIfUnchanged } from '@/lib/privacy/requests/request-store';
import { streamBacklog } from '@/lib/kinesis/consumer/backlog';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { params, problem, request, sessionCookie } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

const CUSTOMER = 'cus_erase_me';
const PERSON = {
  firstName: 'Greta',
  lastName: 'Vandersloot',
  email: 'greta.vandersloot@example.org',
  city: 'Delft',
  postcode: '2611',
};
const NOTICE = 'Our privacy notice, version 2025-09.';

const officer = async () => ({ cookie: await sessionCookie('privacy'), 'content-type': 'application/json' });

async function order(n: number) {
  const response = await postOrder(
    request('/api/v1/orders', {
      method: 'POST',
      headers: {
        'x-api-key': TEST_DEMO_KEY,
        'content-type': 'application/json',
        'idempotency-key': `erase-${n}`,
      },
      body: JSON.stringify({
        customerId: CUSTOMER,
        items: [{ productId: 'prd_dairy_01', categoryId: 'cat_dairy', quantity: 1 + n, unitPriceMinor: 119 }],
        customer: PERSON,
      }),
    }),
  );
  await settleAfterResponse();
  return response;
}

async function consent(purposes: Record<string, boolean>) {
  return putConsent(
    request(`/api/v1/consent/${CUSTOMER}`, {
      method: 'PUT',
      headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ purposes, policyVersion: '2025-09', notice: NOTICE }),
    }),
    params({ customerId: CUSTOMER }),
  );
}

async function move(requestId: string, to: string) {
  const response = await transitionRoute(
    request(`/api/v1/privacy/requests/${requestId}/transitions`, {
      method: 'POST',
      headers: await officer(),
      body: JSON.stringify({ to }),
    }),
    params({ requestId }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function newRequest(kind: 'access' | 'erasure', customerId = CUSTOMER, note?: string) {
  const response = await createRequest(
    request('/api/v1/privacy/requests', {
      method: 'POST',
      headers: await officer(),
      body: JSON.stringify({ customerId, kind, regime: 'gdpr', ...(note ? { note } : {}) }),
    }),
  );
  return {
    status: response.status,
    body: (await response.json()) as {
      request: { requestId: string; dueAt: string; receivedAt: string; overdue: boolean };
    },
  };
}

/** Every table's items that mention any of the strings, as table → count. */
async function mentions(needles: string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of TABLES) {
    const hits = (await scanItems(table.name)).filter((item) => {
      // (records kept as they arrived, e.g. dead letters, are base64: read them too)
      const raw = typeof item.data === 'string' ? Buffer.from(item.data, 'base64').toString('utf8') : '';
      const text = `${JSON.stringify(item)} ${raw}`.toLowerCase();
      return needles.some((n) => text.includes(n.toLowerCase()));
    }).length;
    if (hits) found[table.name] = hits;
  }
  return found;
}

const drained = () =>
  waitFor(
    async () => Object.values(await streamBacklog(getConfig().EVENTS_STREAM)).every((n) => n === 0),
    20_000,
    'the stream to be handled to its end',
  );

describe('access and erasure requests', () => {
  useTestStack();

  it('exports everything held, then erases the customer from every table, and a replay recreates nothing', async () => {
    // A customer with orders, consent, derived data and traces in the streaming tables.
    expect((await consent({ analytics: true, personalization: true })).status).toBe(200);
    for (let n = 0; n < 3; n++) expect((await order(n)).status).toBe(201);
    const worker = eventConsumer('privacy-worker');
    await worker.start();
    await drained();
    await putItem('customer_insights', { customerId: CUSTOMER, version: 'v1', summary: 'buys dairy weekly' });
    await putItem('purchase_patterns', { customerId: CUSTOMER, categoryId: 'cat_dairy', cycleDays: 7 });
    await putItem('experiment_assignments', { experimentId: 'exp_1', customerId: CUSTOMER, variant: 'B' });
    await putItem('experiment_observations', {
      experimentId: 'exp_1',
      cell: 'B#1',
      customerId: CUSTOMER,
      value: 1,
    });
    await putItem('alerts', {
      alertId: 'alert_erase_1',
      customerId: CUSTOMER,
      createdAt: new Date().toISOString(),
      status: 'open',
    });
    await putItem('dead_letters', {
      deadLetterId: 'dl_erase_1',
      handler: 'x',
      failedAt: new Date().toISOString(),
      data: Buffer.from(JSON.stringify({ customerId: CUSTOMER, type: 'purchase' })).toString('base64'),
    });
    const needles = [
      CUSTOMER,
      pseudonymFor(CUSTOMER),
      PERSON.email,
      `${PERSON.firstName} ${PERSON.lastName}`,
      PERSON.lastName,
    ];
    const before = await mentions(needles);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'customers',
        'orders',
        'consent',
        'stream_aggregates',
        'audit_log',
        'alerts',
        'dead_letters',
      ]),
    );

    // Access: the workflow, the due date, and the export in JSON and as a CSV bundle.
    const access = await newRequest('access');
    expect(access.status).toBe(201);
    const { requestId: accessId, receivedAt, dueAt } = access.body.request;
    expect(Date.parse(dueAt) - Date.parse(receivedAt)).toBe(30 * 86_400_000);
    const early = await exportRoute(
      request(`/api/v1/privacy/requests/${accessId}/export`, { headers: await officer() }),
      params({ requestId: accessId }),
    );
    expect(early.status).toBe(409); // not verified yet
    expect((await move(accessId, 'completed')).status).toBe(409); // received cannot jump to completed
    expect((await move(accessId, 'verifying')).status).toBe(200);
    expect((await move(accessId, 'in_progress')).status).toBe(200);
    expect((await move(accessId, 'completed')).status).toBe(409); // no export yet
    const json = await exportRoute(
      request(`/api/v1/privacy/requests/${accessId}/export`, { headers: await officer() }),
      params({ requestId: accessId }),
    );
    expect(json.status).toBe(200);
    const document = (await json.json()) as { tables: Record<string, unknown[]>; pseudonym: string };
    expect(document.tables.orders).toHaveLength(3);
    expect(document.tables.consent).toHaveLength(1);
    expect(document.tables.customers?.[0]).toMatchObject({ email: PERSON.email, orderCount: 3 });
    expect(document.pseudonym).toBe(pseudonymFor(CUSTOMER));
    const zip = await exportRoute(
      request(`/api/v1/privacy/requests/${accessId}/export?format=csv`, { headers: await officer() }),
      params({ requestId: accessId }),
    );
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await zip.arrayBuffer()).includes(Buffer.from('orders.csv'))).toBe(true);
    expect((await move(accessId, 'completed')).body).toMatchObject({ request: { status: 'completed' } });

    // Erasure, through the workflow, with a receipt naming every store.
    // Another customer's pending order, whose id merely contains this one's: its row must survive.
    await putItem('outbox', {
      eventId: 'evt-other-customer',
      createdAt: new Date().toISOString(),
      orderId: 'ord_other',
      fingerprint: 'f',
      order: { orderId: 'ord_other', customerId: `${CUSTOMER}_too` },
      event: '{}',
    });

    // (the officer's note names the customer: it must not survive the erasure either)
    const erasure = await newRequest('erasure', CUSTOMER, `Asked by ${PERSON.email} on the phone`);
    const erasureId = erasure.body.request.requestId;
    await move(erasureId, 'verifying');
    await move(erasureId, 'in_progress');
    // The first attempt dies after erasing but before saving the request: it was claimed and its steps ran.
    const claimed = await getPrivacyRequest(erasureId);
    await saveIfUnchanged(claimed!, {
      ...claimed!,
      updatedAt: new Date().toISOString(),
      progress: { done: 12, of: 20, table: 'consent' },
    });
    await eraseCustomerData(CUSTOMER, { requestId: erasureId });
    expect((await move(erasureId, 'denied')).status).toBe(409); // a started erasure can only be completed
    const done = await move(erasureId, 'completed'); // resumes, for the same customer
    expect(done.status).toBe(200);
    const receipt = (
      done.body.request as { receipt: { steps: { table: string; action: string; items: number }[] } }
    ).receipt;
    expect(receipt.steps.map((s) => s.table).sort()).toEqual(TABLES.map((t) => t.name).sort());
    // (the resumed run found the orders already anonymized by the attempt that died: its receipt says what it did)
    expect(receipt.steps.find((s) => s.table === 'orders')).toMatchObject({ action: 'anonymize', items: 0 });
    expect(receipt.steps.find((s) => s.table === 'customers')).toMatchObject({ action: 'delete' });

    // (the other customer's row names them, so it counts as a mention of the substring; remove it after checking)
    expect(await getItem('outbox', { eventId: 'evt-other-customer' })).toBeDefined();
    await deleteItem('outbox', { eventId: 'evt-other-customer' });
    expect(await mentions(needles)).toEqual({});
    // Orders stay for accounting, without the customer.
    const orders = (await scanItems('orders')).filter((o) => String(o.customerId).startsWith('erased_'));
    expect(orders).toHaveLength(3);

    // A full replay of the stream (checkpoints and marks gone, as for a new consumer) recreates nothing.
    await worker.stop();
    const leases = await scanItems('stream_leases');
    await batchDelete(
      'stream_leases',
      leases.map((l) => ({ leaseKey: l.leaseKey })),
    );
    const marks = await scanItems('processed_events');
    await batchDelete(
      'processed_events',
      marks.map((m) => ({ eventId: m.eventId, handler: m.handler })),
    );
    const replay = eventConsumer('replayer');
    await replay.start();
    await drained();
    await replay.stop();
    expect(await mentions(needles)).toEqual({});
    expect(replay.stats().skipped).toBeGreaterThan(0); // the customer's events were dropped, not handled

    // The storefront cannot bring the customer back under the same id.
    const again = await order(9);
    expect(again.status).toBe(409);
    expect((await problem(again)).detail).toContain('was erased');
    expect((await consent({ analytics: true })).status).toBe(409);
    expect((await newRequest('access')).status).toBe(422);

    // The audit log still verifies: erasure removed plain ids, not hashed content.
    const verify = await verifyRoute(request('/api/v1/privacy/audit/verify', { headers: await officer() }));
    expect(((await verify.json()) as { ok: boolean }).ok).toBe(true);
    await closeEventPublisher();
  });

  it('lists requests with their overdue flag, refuses bad input and keeps marketing out', async () => {
    const list = await listRequests(request('/api/v1/privacy/requests', { headers: await officer() }));
    const body = (await list.json()) as { requests: { kind: string; status: string; overdue: boolean }[] };
    expect(body.requests.map((r) => [r.kind, r.status, r.overdue])).toEqual([
      ['access', 'completed', false],
      ['erasure', 'completed', false],
    ]);
    const unknown = await newRequest('access', 'cus_nobody_here');
    expect(unknown.status).toBe(422);
    const bad = await createRequest(
      request('/api/v1/privacy/requests', {
        method: 'POST',
        headers: await officer(),
        body: JSON.stringify({ customerId: 'cus bad', kind: 'forget', regime: 'gdpr' }),
      }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify((await problem(bad)).errors)).toMatch(
      /customerId[\s\S]*kind|kind[\s\S]*customerId/,
    );
    const marketing = await listRequests(
      request('/api/v1/privacy/requests', { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(marketing.status).toBe(403);
  });
});
