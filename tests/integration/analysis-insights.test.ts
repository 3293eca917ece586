import { afterAll, describe, expect, it } from 'vitest';
import { POST as analyzeRoute } from '@/app/api/v1/customers/[customerId]/analyze/route';
import { GET as insightsRoute } from '@/app/api/v1/customers/[customerId]/insights/route';
import { POST as postOrder } from '@/app/api/v1/orders/route';
import { statisticalAnalyzer } from '@/lib/analysis/analyzers/statistical-analyzer';
import { createApiKey } from '@/lib/auth/api-keys/create-api-key';
import { refreshIfStale } from '@/lib/analysis/refresh-if-stale';
import { startRefreshQueue, stopRefreshQueue } from '@/lib/analysis/refresh-queue';
import { runBatch, startRun } from '@/lib/analysis/runs/run-batch';
import { queryItems } from '@/lib/db/items';
import { allConsentStates } from '@/lib/privacy/consent/consent-states';
import { writeDataset } from '@/lib/seed/write-dataset';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { settleAfterResponse } from '@/lib/http/after-response';
import { NOTICE, putConsent } from './support/consent';
import { params, problem, request, sessionCookie } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';
import { EVENT_HANDLERS } from '@/lib/worker/event-handlers';

const END = new Date('2026-11-23T00:00:00Z');

interface InsightsBody {
  consent: 'granted' | 'refused';
  insight: {
    trigger: string;
    summary: string;
    numbers: { pAlive: number; nextPurchases: unknown[] };
    createdAt: string;
  } | null;
  stale?: boolean;
  staleReason?: string | null;
  ageSeconds?: number | null;
  patterns?: { categoryId: string; nextOn: string; nextLowOn: string; nextHighOn: string }[];
  history?: unknown[];
}

async function readInsights(
  customerId: string,
  auth: Record<string, string> = { 'x-api-key': TEST_DEMO_KEY },
) {
  const response = await insightsRoute(
    request(`/api/v1/customers/${customerId}/insights`, { headers: auth }),
    params({ customerId }),
  );
  return { status: response.status, body: (await response.json()) as InsightsBody };
}

const analyze = async (customerId: string) =>
  analyzeRoute(
    request(`/api/v1/customers/${customerId}/analyze`, {
      method: 'POST',
      headers: { cookie: await sessionCookie('marketing') },
    }),
    params({ customerId }),
  );

const ALLOWED: string[] = [];
const REFUSED: string[] = [];

describe('customer insights', () => {
  const stack = useTestStack();
  afterAll(async () => {
    await stopRefreshQueue();
    await closeEventPublisher();
  });

  it('serves the cached insight with its age, patterns and history to the storefront', async () => {
    await writeDataset({ seed: 'insights', customers: 120, end: END, dataDir: stack().dataDir });
    const consent = await allConsentStates();
    for (let i = 0; i < 120; i++) {
      const id = `cus_${String(i).padStart(6, '0')}`;
      (consent.stateOf(id).personalization ? ALLOWED : REFUSED).push(id);
    }
    const { run } = await startRun('manual', 'test', 'statistical');
    await runBatch(run.runId, { analyzer: statisticalAnalyzer });

    const { status, body } = await readInsights(ALLOWED[0]!);
    expect(status).toBe(200);
    expect(body.consent).toBe('granted');
    expect(body.insight?.trigger).toBe('batch');
    expect(body.stale).toBe(false);
    expect(body.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(body.history).toHaveLength(1);
    // Every pattern's interval brackets its predicted day.
    for (const p of body.patterns ?? []) {
      expect(p.nextLowOn <= p.nextOn && p.nextOn <= p.nextHighOn).toBe(true);
    }
  });

  it('gives nothing for a customer who does not allow personalization, and refuses to analyse them', async () => {
    const { status, body } = await readInsights(REFUSED[0]!);
    expect(status).toBe(200);
    expect(body.consent).toBe('refused');
    expect(body.insight).toBeNull();
    const response = await analyze(REFUSED[0]!);
    expect(response.status).toBe(422);
    expect((await problem(response)).detail).toMatch(/personalization/);
  });

  it('answers bad and unknown customers clearly', async () => {
    expect((await analyze('cus_nobody')).status).toBe(404);
    expect((await analyze('bad id!')).status).toBe(400);
    expect((await readInsights('cus_nobody')).status).toBe(404);
    const noKey = await readInsights(ALLOWED[0]!, {});
    expect(noKey.status).toBe(401);
    // Reading insights does not let a storefront key run (possibly paid) analyses.
    const { key } = await createApiKey({ name: 'reader', scopes: ['insights:read'], createdBy: 'test' });
    expect((await readInsights(ALLOWED[0]!, { 'x-api-key': key })).status).toBe(200);
    const refused = await analyzeRoute(
      request(`/api/v1/customers/${ALLOWED[0]}/analyze`, { method: 'POST', headers: { 'x-api-key': key } }),
      params({ customerId: ALLOWED[0]! }),
    );
    expect(refused.status).toBe(403);
    expect((await problem(refused)).detail).toContain('insights:analyze');
  });

  it('a new order makes the insight stale; the shopper’s next events refresh it in real time', async () => {
    const buyer = ALLOWED[1]!;
    const order = async (key: string) => {
      const response = await postOrder(
        request('/api/v1/orders', {
          method: 'POST',
          headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({
            customerId: buyer,
            items: [{ productId: 'prd_dairy_01', categoryId: 'cat_dairy', quantity: 2, unitPrice: '1.19' }],
          }),
        }),
      );
      expect(response.status).toBe(201);
      await settleAfterResponse();
    };
    // First without the refresh: the summary learns of the order, and the insight reads as stale.
    await order('ins-1');
    const withoutRefresh = eventConsumer(
      'insights-1',
      EVENT_HANDLERS.filter((h) => h.name !== 'insight-refresh'),
    );
    await withoutRefresh.start();
    try {
      await waitFor(
        async () => (await readInsights(buyer)).body.stale === true,
        20_000,
        'the insight to go stale',
      );
    } finally {
      await withoutRefresh.stop();
    }
    expect((await readInsights(buyer)).body.staleReason).toBe('new_order');

    // Then with the worker's refresh queue: the next purchase's event brings a refreshed insight.
    startRefreshQueue({
      refresh: (id) => refreshIfStale(id, statisticalAnalyzer),
      debounceMs: 50,
      tickMs: 20,
    });
    await order('ins-2');
    const consumer = eventConsumer('insights-2');
    await consumer.start();
    try {
      await waitFor(
        async () => (await readInsights(buyer)).body.insight?.trigger === 'refresh',
        20_000,
        'the insight to be refreshed after the purchase',
      );
    } finally {
      await consumer.stop();
    }
    const fresh = await readInsights(buyer);
    expect(fresh.body.stale).toBe(false);
    expect(fresh.body.history).toHaveLength(2);
  });

  it('POST analyze refreshes on demand, marked as a manual analysis', async () => {
    const response = await analyze(ALLOWED[2]!);
    expect(response.status).toBe(201);
    const { insight } = (await response.json()) as { insight: { trigger: string; summary: string } };
    expect(insight.trigger).toBe('manual');
    expect(insight.summary).toMatch(/likely still active/);
    expect((await readInsights(ALLOWED[2]!)).body.insight?.trigger).toBe('manual');
  });

  it('withdrawing personalization deletes the customer’s insights and patterns within seconds', async () => {
    const customerId = ALLOWED[2]!;
    const rows = async () =>
      (
        await queryItems('customer_insights', {
          keyCondition: 'customerId = :c',
          values: { ':c': customerId },
        })
      ).length +
      (
        await queryItems('purchase_patterns', {
          keyCondition: 'customerId = :c',
          values: { ':c': customerId },
        })
      ).length;
    expect(await rows()).toBeGreaterThan(0);
    const withdrawn = await putConsent(customerId, {
      purposes: { personalization: false },
      policyVersion: '2026-11',
      notice: NOTICE,
    });
    expect(withdrawn.status).toBe(200);
    // Reads stop at once; the stored rows go when the worker handles consent_updated.
    expect((await readInsights(customerId)).body.consent).toBe('refused');
    const consumer = eventConsumer('consent-clean');
    await consumer.start();
    try {
      await waitFor(async () => (await rows()) === 0, 20_000, 'the derived rows to be deleted');
    } finally {
      await consumer.stop();
    }
  });
});
