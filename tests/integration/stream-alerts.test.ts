import { afterAll, describe, expect, it } from 'vitest';
import { GET as alertRoute, PATCH as patchAlert } from '@/app/api/v1/stream/alerts/[alertId]/route';
import { GET as alertsRoute } from '@/app/api/v1/stream/alerts/route';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { customerItemSchema } from '@/lib/customers/customer';
import { scanItems } from '@/lib/db/items';
import { settleAfterResponse } from '@/lib/http/after-response';
import { writeDataset } from '@/lib/seed/write-dataset';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { detectOrderValues } from '@/lib/live/detect-order-values';
import { params, problem, request, sessionCookie } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');

interface AlertBody {
  alertId: string;
  kind: string;
  status: string;
  severity: string;
  explanation: { feature: string; expected: string; observed: string; why: string };
  history: { change: string; by: string }[];
  comments: { text: string }[];
  assignee?: string;
}

async function order(customerId: string, key: string, unitPrice: string) {
  const response = await postOrder(
    request('/api/v1/orders', {
      method: 'POST',
      headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        customerId,
        items: [{ productId: 'prd_wine_01', categoryId: 'cat_wine-beer', quantity: 1, unitPrice }],
      }),
    }),
  );
  expect(response.status).toBe(201);
  await settleAfterResponse();
  return ((await response.json()) as { order: { orderId: string } }).order.orderId;
}

const openAlerts = async (role: 'marketing' | 'privacy' = 'marketing') => {
  const response = await alertsRoute(
    request('/api/v1/stream/alerts?status=open', { headers: { cookie: await sessionCookie(role) } }),
  );
  return {
    status: response.status,
    alerts: ((await response.json()) as { alerts?: AlertBody[] }).alerts ?? [],
  };
};

const patch = async (alertId: string, body: unknown, role: 'marketing' | 'privacy' = 'marketing') =>
  patchAlert(
    request(`/api/v1/stream/alerts/${alertId}`, {
      method: 'PATCH',
      headers: { cookie: await sessionCookie(role), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    params({ alertId }),
  );

describe('order-value alerts and their workflow', () => {
  const stack = useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
  });
  let alertId = '';

  it('raises exactly one explained alert for a 10× basket, none for an ordinary one', async () => {
    await writeDataset({ seed: 'alerts', customers: 40, end: END, dataDir: stack().dataDir });
    const customers = (await scanItems('customers')).map((c) => customerItemSchema.parse(c));
    const regular = customers.find((c) => (c.purchases?.days.length ?? 0) >= 8)!;
    const spend = [...regular.purchases!.spend].sort((a, b) => a - b);
    const usual = spend[spend.length >> 1]! / 100;

    await order(regular.customerId, 'alert-normal', usual.toFixed(2));
    const big = await order(regular.customerId, 'alert-big', (usual * 12).toFixed(2));
    const consumer = eventConsumer('alerts');
    await consumer.start();
    try {
      await waitFor(async () => (await openAlerts()).alerts.length > 0, 20_000, 'the alert');
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await consumer.stop();
    }
    const { alerts } = await openAlerts();
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    alertId = alert!.alertId;
    expect(alertId).toBe(`order_value:${big}`);
    expect(alert!.severity).toBe('critical');
    expect(alert!.explanation.feature).toBe('order value');
    expect(alert!.explanation.why).toMatch(/^1[12]\.\d× the customer's usual order/);
    expect(alert!.explanation.observed).toBe(`€${(usual * 12).toFixed(2)}`);

    // The same purchase detected again (a redelivery) raises nothing new.
    const events = await scanItems('orders');
    const stored = events.find((o) => o.orderId === big)!;
    const raised = await detectOrderValues([
      {
        eventId: 'redelivered',
        type: 'purchase',
        customerId: regular.customerId,
        occurredAt: String(stored.placedAt),
        receivedAt: String(stored.placedAt),
        source: 'orders',
        schemaVersion: 1,
        properties: {
          orderId: big,
          totalMinor: Number(stored.totalMinor),
          currency: 'EUR',
          placedAt: String(stored.placedAt),
          items: stored.items as never,
        },
      } as never,
    ]);
    expect(raised).toBe(0);
    expect((await openAlerts()).alerts).toHaveLength(1);
  });

  it('is acknowledged, assigned, commented and resolved, each change in its history', async () => {
    const acked = await patch(alertId, {
      status: 'acknowledged',
      assignee: 'marketing@example.com',
      comment: 'Calling the store.',
    });
    expect(acked.status).toBe(200);
    const { alert } = (await acked.json()) as { alert: AlertBody };
    expect(alert.status).toBe('acknowledged');
    expect(alert.assignee).toBe('marketing@example.com');
    expect(alert.comments.map((c) => c.text)).toEqual(['Calling the store.']);
    expect(alert.history.map((h) => h.change)).toEqual([
      'raised',
      'open → acknowledged',
      'assigned to marketing@example.com',
    ]);
    expect((await openAlerts()).alerts).toHaveLength(0);

    expect((await patch(alertId, { status: 'resolved' })).status).toBe(200);
    const wrong = await patch(alertId, { status: 'acknowledged' });
    expect(wrong.status).toBe(422);
    expect((await problem(wrong)).detail).toMatch(/resolved alert cannot become acknowledged/);
    const reopened = await patch(alertId, { status: 'open' });
    expect(reopened.status).toBe(200);
    // A change sent from a screen showing an older revision is refused, not laid over the newer one.
    const seen = ((await reopened.json()) as { alert: AlertBody & { revision: number } }).alert.revision;
    expect((await patch(alertId, { assignee: 'admin@example.com', revision: seen })).status).toBe(200);
    const stale = await patch(alertId, { assignee: null, revision: seen });
    expect(stale.status).toBe(409);
    expect((await problem(stale)).detail).toMatch(/changed this alert since you saw it/);
    expect((await patch(alertId, { revision: seen + 1 })).status).toBe(400); // a revision alone changes nothing
  });

  it('snoozes out of the inbox, and refuses bad changes and other roles clearly', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await patch(alertId, { snoozedUntil: until })).status).toBe(200);
    expect((await openAlerts()).alerts).toHaveLength(0);
    expect((await patch(alertId, { snoozedUntil: '2020-01-01T00:00:00Z' })).status).toBe(422);
    expect((await patch(alertId, {})).status).toBe(400);
    expect((await patch(alertId, { status: 'done' })).status).toBe(400);
    expect((await patch('order_value:nope', { status: 'resolved' })).status).toBe(404);
    expect((await patch(alertId, { status: 'resolved' }, 'privacy')).status).toBe(403);
    expect((await openAlerts('privacy')).status).toBe(403);
    const one = await alertRoute(
      request(`/api/v1/stream/alerts/${alertId}`, { headers: { cookie: await sessionCookie('marketing') } }),
      params({ alertId }),
    );
    expect(((await one.json()) as { alert: AlertBody }).alert.status).toBe('open');
  });
});
