import { describe, expect, it, vi } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { putItem } from '@/lib/db/items';
import { appendConsent } from '@/lib/privacy/consent/append-consent';
import { buildEntry } from '@/lib/privacy/consent/build-entry';
import { latestEntry } from '@/lib/privacy/consent/read-ledger';
import { closeEventPublisher, eventProducer } from '@/lib/stream/event-publisher';
import { problem, request } from './support/http';
import { waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

const view = (customerId: string, extra: Record<string, unknown> = {}) => ({
  type: 'page_view',
  customerId,
  sessionId: 'sess_1',
  occurredAt: new Date().toISOString(),
  properties: { path: '/c/dairy' },
  ...extra,
});

const send = async (events: unknown[]) => {
  const response = await postEvents(
    request('/api/v1/events', {
      method: 'POST',
      headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    }),
  );
  return response;
};

const grant = (customerId: string, analytics: boolean) =>
  appendConsent({
    customerId,
    changes: { analytics },
    policyVersion: '1',
    noticeText: 'banner',
    source: 'storefront',
    actor: { kind: 'api_key', id: 'test' },
    gpc: false,
  });

describe('storefront event ingestion', () => {
  useTestStack();

  it('stores events only for customers who allow analytics, and a withdrawal applies within 5 s', async () => {
    await grant('cus_ingest_yes', true);
    const response = await send([view('cus_ingest_yes'), view('cus_ingest_no')]);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      accepted: 1,
      rejected: [{ index: 1, reason: 'the customer does not allow analytics' }],
    });

    // Another process records the withdrawal; this one is not told directly.
    const last = await latestEntry('cus_ingest_yes');
    await putItem('consent', {
      ...buildEntry('cus_ingest_yes', last, {
        at: new Date().toISOString(),
        changes: { analytics: false },
        policyVersion: '1',
        noticeHash: 'b'.repeat(64),
        source: 'storefront',
        actor: 'api_key:other',
        gpc: false,
      }),
    });
    const withdrawnAt = Date.now();
    await waitFor(
      async () =>
        ((await (await send([view('cus_ingest_yes')])).json()) as { accepted: number }).accepted === 0,
      5_000,
      'the withdrawal to stop ingestion',
    );
    expect(Date.now() - withdrawnAt).toBeLessThan(5_000);
    await closeEventPublisher();
  });

  it('refuses a batch with a bad event, naming each problem, and accepts nothing of it', async () => {
    await grant('cus_ingest_ok', true);
    const bad = await send([
      view('cus_ingest_ok'),
      view('cus_ingest_ok', { occurredAt: 'yesterday' }),
      { type: 'purchase' },
    ]);
    expect(bad.status).toBe(400);
    const body = await problem(bad);
    expect(body.detail).toContain('nothing was accepted');
    const paths = (body.errors ?? []).map((e: { path: string }) => e.path);
    expect(paths).toContain('events.1.occurredAt');
    expect(paths).toContain('events.2.type');
    expect((await send([])).status).toBe(400);
    const unknownField = await send([view('cus_ingest_ok', { properties: { path: '/', colour: 'red' } })]);
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify((await problem(unknownField)).errors)).toContain('events.0.properties.colour');
  });

  it('answers 429 with Retry-After, accepting nothing, while the stream producer’s queue is full', async () => {
    await grant('cus_ingest_busy', true);
    // As if 9,990 records were still waiting for Kinesis: room for 10.
    const full = vi.spyOn(eventProducer(), 'capacity', 'get').mockReturnValue(10);
    try {
      const busy = await send(Array.from({ length: 20 }, () => view('cus_ingest_busy')));
      expect(busy.status).toBe(429);
      expect(busy.headers.get('retry-after')).toBe('1');
      expect((await problem(busy)).detail).toMatch(/retry this batch shortly/);
      expect((await send([view('cus_ingest_busy')])).status).toBe(202); // a batch that fits still goes through
    } finally {
      full.mockRestore();
    }
    await closeEventPublisher();
  });
});
