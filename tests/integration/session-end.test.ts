import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { getItem } from '@/lib/db/items';
import { EVENT_EXAMPLES, type PulseEvent } from '@/lib/events';
import { appendConsent } from '@/lib/privacy/consent/append-consent';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { getAlert } from '@/lib/live/alerts/alert-store';
import { endIdleSessions } from '@/lib/live/end-idle-sessions';
import { customerActivity } from '@/lib/live/live-activity';
import { eventConsumer, producer, waitFor } from './support/stream-kit';
import { useTestStack } from './support/test-stack';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function visit(customerId: string, cartValueMinor: number, minutesAgo: number[]): PulseEvent[] {
  const e = EVENT_EXAMPLES;
  const base = { customerId, sessionId: `ses_${customerId}`, receivedAt: ago(0) };
  const [first, ...rest] = minutesAgo;
  return [
    { ...e.page_view, ...base, eventId: randomUUID(), occurredAt: ago(first!) },
    ...rest.map((m) => ({
      ...e.add_to_cart,
      ...base,
      eventId: randomUUID(),
      occurredAt: ago(m),
      properties: { ...e.add_to_cart.properties, cartValueMinor },
    })),
  ] as PulseEvent[];
}

const consent = (customerId: string, marketing: boolean) =>
  appendConsent({
    customerId,
    changes: { analytics: true, personalization: true, marketing },
    policyVersion: '1',
    noticeText: 'banner',
    source: 'storefront',
    actor: { kind: 'api_key', id: 'test' },
    gpc: false,
  });

describe('sessions ended by inactivity, and abandoned carts', () => {
  useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
  });

  it('ends sessions quiet for 30 minutes once, and raises one explained alert for a valuable abandoned cart', async () => {
    const [contactable, notContactable, small, back] = ['cus_se_a', 'cus_se_b', 'cus_se_c', 'cus_se_d'];
    for (const id of [contactable, small, back]) await consent(id, true);
    await consent(notContactable, false);
    const p = producer();
    const visits = [
      visit(contactable, 25_000, [50, 45]), // €250 left 45 minutes ago
      visit(notContactable, 30_000, [50, 44]),
      visit(small, 1_500, [50, 46]), // €15: not worth an alert
      visit(back, 40_000, [50, 30, 10]), // came back 10 minutes ago: still shopping
    ];
    for (const events of visits) for (const e of events) await p.send(e.customerId, JSON.stringify(e));
    await p.close();
    const consumer = eventConsumer('sessions');
    await consumer.start();
    try {
      await waitFor(
        async () => (await customerActivity(back))?.sessionEvents === 3,
        20_000,
        'the visits to be folded in',
      );
      expect(await endIdleSessions()).toEqual({ ended: 3 });
      expect(await endIdleSessions()).toEqual({ ended: 0 }); // claimed: a second sweep (or worker) adds nothing
      await waitFor(
        async () => (await customerActivity(small))?.ended === true,
        20_000,
        'the session ends to be folded in',
      );
      await waitFor(
        async () =>
          (await getAlert(
            `cart_abandoned:${contactable}:${(await customerActivity(contactable))!.sessionStartedAt}`,
          )) !== undefined,
        20_000,
        'the abandoned-cart alert',
      );
    } finally {
      await consumer.stop();
    }
    const session = (await customerActivity(contactable))!;
    const alert = (await getAlert(`cart_abandoned:${contactable}:${session.sessionStartedAt}`))!;
    expect(alert).toMatchObject({ kind: 'cart_abandoned', status: 'open', customerId: contactable });
    expect(alert.explanation.observed).toContain('€250.00');
    expect(alert.explanation.observed).toContain('30 min inactive');
    // No alert without marketing consent (counted as refused), none for a small cart, and the returning shopper's
    // session is still open.
    const refusedSession = (await customerActivity(notContactable))!;
    expect(
      await getAlert(`cart_abandoned:${notContactable}:${refusedSession.sessionStartedAt}`),
    ).toBeUndefined();
    expect(
      await getItem('stream_aggregates', {
        metric: 'cart-abandoned:refused',
        bucket: `cart_abandoned:${notContactable}:${refusedSession.sessionStartedAt}`,
      }),
    ).toBeDefined();
    const smallSession = (await customerActivity(small))!;
    expect(await getAlert(`cart_abandoned:${small}:${smallSession.sessionStartedAt}`)).toBeUndefined();
    expect((await customerActivity(back))!.ended).toBe(false);
  });
});
