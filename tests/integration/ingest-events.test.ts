import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { putItem } from '@/lib/db/items';
import { appendConsent } from '@/lib/privacy/consent/append-consent';
import { noteConsentChange } from '@/lib/privacy/consent/consent-changes';
import { buildEntry } from '@/lib/privacy/consent/build-entry';
import { latestEntry } from '@/lib/privacy/consent/read-ledger';
import { closeEventPublisher, eventProducer } from '@/lib/kinesis/producer';
import type { IngestResult } from '@/lib/live/ingest-events';
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

const BAD_TIME_ID = '6f1c1f0e-3b7a-4c1e-9d51-0c7f6f1d2a11';

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
      dropped: 1,
      results: [
        { index: 0, status: 'accepted', eventId: expect.any(String) },
        { index: 1, status: 'dropped', reason: 'the customer does not allow analytics' },
      ],
    });

    // Another process records the withdrawal; this one is not told directly.
    const last = await latestEntry('cus_ingest_yes');
    await noteConsentChange('cus_ingest_yes'); // as appendConsent does, before the entry
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

  it('rejects each bad event with its problems and accepts the rest; a batch with no valid event is a 400', async () => {
    await grant('cus_ingest_ok', true);
    const mixed = await send([
      view('cus_ingest_ok'),
      view('cus_ingest_ok', { occurredAt: 'yesterday', eventId: BAD_TIME_ID }),
      { type: 'purchase' },
    ]);
    expect(mixed.status).toBe(202);
    const body = (await mixed.json()) as IngestResult;
    expect(body).toMatchObject({ accepted: 1, rejected: 2, duplicates: 0, dropped: 0 });
    expect(body.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(body.results[1]).toMatchObject({ eventId: BAD_TIME_ID });
    expect(body.results[1]!.errors!.map((e) => e.path)).toContain('events.1.occurredAt');
    expect(body.results[2]!.errors!.map((e) => e.path)).toContain('events.2.type');

    const allBad = await send([view('cus_ingest_ok', { occurredAt: 'yesterday' }), { type: 'purchase' }]);
    expect(allBad.status).toBe(400);
    const refused = await problem(allBad);
    expect(refused.detail).toContain('nothing was accepted');
    expect((refused.errors ?? []).map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['events.0.occurredAt', 'events.1.type']),
    );
    expect((await send([])).status).toBe(400);
    const unknownField = await send([view('cus_ingest_ok', { properties: { path: '/', colour: 'red' } })]);
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify((await problem(unknownField)).errors)).toContain('events.0.properties.colour');
  });

  it('answers a retried event as a duplicate and stores it once', async () => {
    await grant('cus_ingest_retry', true);
    const eventId = randomUUID();
    const sentBefore = eventProducer().stats().sent;
    const first = (await (await send([view('cus_ingest_retry', { eventId })])).json()) as IngestResult;
    expect(first.results[0]).toMatchObject({ eventId, status: 'accepted' });
    // The retry of a batch whose answer was lost, and a batch repeating an id within itself.
    const again = (await (
      await send([view('cus_ingest_retry', { eventId }), view('cus_ingest_retry')])
    ).json()) as IngestResult;
    expect(again).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(again.results[0]).toMatchObject({ eventId, status: 'duplicate' });
    const twin = randomUUID();
    const within = (await (
      await send([view('cus_ingest_retry', { eventId: twin }), view('cus_ingest_retry', { eventId: twin })])
    ).json()) as IngestResult;
    expect(within.results.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    // Six events sent, three records on the stream.
    expect(eventProducer().stats().sent - sentBefore).toBe(3);
    await closeEventPublisher();
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
