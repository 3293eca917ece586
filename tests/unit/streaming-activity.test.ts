import { describe, expect, it } from 'vitest';
import { EVENT_EXAMPLES, type PulseEvent } from '@/lib/events';
import { foldActivity, type Activity } from '@/lib/live/live-activity';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 10, minutes)).toISOString();
const ev = (type: keyof typeof EVENT_EXAMPLES, minute: number, extra: Partial<PulseEvent> = {}) =>
  ({
    ...EVENT_EXAMPLES[type],
    customerId: 'cus_1',
    sessionId: 's1',
    occurredAt: at(minute),
    ...extra,
  }) as PulseEvent;

const fold = (events: PulseEvent[]) =>
  events.reduce<Activity | undefined>((a, e) => foldActivity(a, e, 'UTC'), undefined)!;

describe('sessions from a shopper’s events', () => {
  it('counts a visit’s events and follows the cart until a purchase empties it', () => {
    const a = fold([ev('page_view', 0), ev('add_to_cart', 2), ev('checkout_started', 4)]);
    expect(a.sessionEvents).toBe(3);
    expect(a.cartValueMinor).toBe(
      (EVENT_EXAMPLES.checkout_started.properties as { cartValueMinor: number }).cartValueMinor,
    );
    const bought = foldActivity(a, ev('purchase', 6, { sessionId: undefined }), 'UTC');
    expect(bought.purchased).toBe(true);
    expect(bought.cartValueMinor).toBe(0);
    expect(bought.sessionEvents).toBe(4); // a server-side purchase continues the visit
  });

  it('starts a new session after 30 minutes of quiet, with a new session id, or after session_end', () => {
    const first = fold([ev('page_view', 0), ev('product_view', 5)]);
    expect(foldActivity(first, ev('page_view', 34), 'UTC').sessionStartedAt).toBe(at(0)); // 29 minutes: same visit
    expect(foldActivity(first, ev('page_view', 36), 'UTC').sessionStartedAt).toBe(at(36));
    expect(foldActivity(first, ev('page_view', 6, { sessionId: 's2' }), 'UTC').sessionEvents).toBe(1);
    const ended = foldActivity(first, ev('session_end', 7), 'UTC');
    expect(ended.ended).toBe(true);
    expect(foldActivity(ended, ev('page_view', 8), 'UTC').sessionEvents).toBe(1);
  });

  it('ends a session by timeout only if nothing happened in the 30 minutes before it', () => {
    const visit = fold([ev('page_view', 0), ev('add_to_cart', 5)]);
    const timeout = (minute: number) =>
      ev('session_end', minute, {
        source: 'sessions',
        properties: { durationSeconds: 300, eventCount: 2, reason: 'inactivity' },
      } as Partial<PulseEvent>);
    const ended = foldActivity(visit, timeout(35), 'UTC');
    expect(ended.ended).toBe(true);
    expect(ended.lastEventAt).toBe(at(5)); // the shopper was last seen then, not at the timeout
    expect(ended.cartValueMinor).toBe(visit.cartValueMinor);
    const cameBack = foldActivity(visit, ev('product_view', 20), 'UTC');
    expect(foldActivity(cameBack, timeout(35), 'UTC').ended).toBe(false);
  });
});
