import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as activityRoute } from '@/app/api/v1/customers/[customerId]/activity/route';
import { GET as activeRoute } from '@/app/api/v1/stream/active/route';
import { EVENT_EXAMPLES, type PulseEvent } from '@/lib/events';
import { allConsentStates } from '@/lib/privacy/consent/consent-states';
import { writeDataset } from '@/lib/seed/write-dataset';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { customerActivity, recordActivity } from '@/lib/live/live-activity';
import { params, request, sessionCookie } from './support/http';
import { eventConsumer, producer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

function visit(customerId: string, sessionId: string): PulseEvent[] {
  const e = EVENT_EXAMPLES;
  const base = { customerId, sessionId, receivedAt: ago(0) };
  return [
    { ...e.page_view, ...base, eventId: randomUUID(), occurredAt: ago(120) },
    { ...e.product_view, ...base, eventId: randomUUID(), occurredAt: ago(90) },
    {
      ...e.add_to_cart,
      ...base,
      eventId: randomUUID(),
      occurredAt: ago(60),
      properties: { ...e.add_to_cart.properties, cartValueMinor: 2_450 },
    },
  ] as PulseEvent[];
}

describe('live activity and active shoppers', () => {
  const stack = useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
  });
  const allowed: string[] = [];
  const refused: string[] = [];

  it('shows who is shopping now, masking those who do not allow personalization', async () => {
    await writeDataset({ seed: 'activity', customers: 30, end: END, dataDir: stack().dataDir });
    const consent = await allConsentStates();
    for (let i = 0; i < 30; i++) {
      const id = `cus_${String(i).padStart(6, '0')}`;
      // (every seeded customer allows analytics or not; only those who do would have been ingested)
      (consent.stateOf(id).personalization ? allowed : refused).push(id);
    }
    const shoppers = [allowed[0]!, allowed[1]!, refused[0]!];
    const p = producer();
    for (const id of shoppers) for (const e of visit(id, `ses_${id}`)) await p.send(id, JSON.stringify(e));
    await p.close();
    const consumer = eventConsumer('activity');
    await consumer.start();
    const cookie = await sessionCookie('marketing');
    const read = async () =>
      (await (await activeRoute(request('/api/v1/stream/active', { headers: { cookie } }))).json()) as {
        active: number;
        shoppers: {
          customerId: string | null;
          label: string;
          masked: boolean;
          cartValueMinor: number;
          sessionEvents: number;
        }[];
      };
    try {
      await waitFor(async () => (await read()).active === 3, 20_000, 'three active shoppers');
    } finally {
      await consumer.stop();
    }
    const { shoppers: rows } = await read();
    expect(rows.filter((r) => r.masked)).toHaveLength(1);
    const masked = rows.find((r) => r.masked)!;
    expect(masked.customerId).toBeNull();
    expect(masked.label).toMatch(/^masked [0-9a-f]{8}$/);
    expect(JSON.stringify(rows)).not.toContain(refused[0]!);
    expect(rows.every((r) => r.cartValueMinor === 2_450 && r.sessionEvents === 3)).toBe(true);
  });

  it('counts a redelivered batch once, and a session ends with session_end', async () => {
    const id = allowed[2]!;
    const events = visit(id, 'ses_again');
    const positions = events.map((_, i) => ({ shardId: 'shard-x', sequenceNumber: String(500 + i) }));
    await recordActivity(events, positions);
    await recordActivity(events, positions); // delivered again
    expect((await customerActivity(id))?.sessionEvents).toBe(3);
    const end = {
      ...EVENT_EXAMPLES.session_end,
      eventId: randomUUID(),
      customerId: id,
      sessionId: 'ses_again',
      occurredAt: ago(30),
      receivedAt: ago(0),
    } as PulseEvent;
    await recordActivity([end], [{ shardId: 'shard-x', sequenceNumber: '510' }]);
    expect((await customerActivity(id))?.open).toBe(false);
  });

  it('serves one customer’s activity to the storefront, only with personalization consent', async () => {
    const get = async (customerId: string) => {
      const response = await activityRoute(
        request(`/api/v1/customers/${customerId}/activity`, { headers: { 'x-api-key': TEST_DEMO_KEY } }),
        params({ customerId }),
      );
      return {
        status: response.status,
        body: (await response.json()) as {
          consent: string;
          activity: { open: boolean; cartValueMinor: number } | null;
        },
      };
    };
    const mine = await get(allowed[0]!);
    expect(mine.body.consent).toBe('granted');
    expect(mine.body.activity).toMatchObject({ open: true, cartValueMinor: 2_450 });
    const theirs = await get(refused[0]!);
    expect(theirs.body.consent).toBe('refused');
    expect(theirs.body.activity).toBeNull();
    expect((await get('cus_nobody')).status).toBe(404);
    expect((await get('bad id!')).status).toBe(400);
  });
});
