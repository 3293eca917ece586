import { describe, expect, it } from 'vitest';
import {
  changeErrorMessage,
  isSnoozed,
  snoozeUntil,
  statusActions,
  tabCount,
} from '@/components/live/alert-format';
import { agoLabel, describeEvent, eventTime, money } from '@/components/live/event-format';
import {
  backlogLabel,
  deadLettersLabel,
  iteratorAgeLabel,
  shardsLabel,
  workersLabel,
} from '@/components/live/health-format';
import type { FeedEntry } from '@/lib/client/use-live-feed';
import type { ShardHealth } from '@/lib/live/get-stream-health';

const entry = (type: string, properties: Record<string, unknown>, masked = false): FeedEntry => ({
  id: 1,
  customer: masked ? 'masked 1a2b3c4d' : 'cus_000042',
  masked,
  event: {
    eventId: 'e1',
    type,
    customerId: masked ? 'masked' : 'cus_000042',
    occurredAt: '2026-11-24T14:03:21.500Z',
    receivedAt: '2026-11-24T14:03:21.600Z',
    source: 'storefront',
    properties: masked ? {} : properties,
  },
});

describe('feed rows', () => {
  it('say what happened with units and currency', () => {
    expect(
      describeEvent(
        entry('add_to_cart', {
          productId: 'prd_milk_01',
          quantity: 2,
          unitPriceMinor: 129,
          currency: 'EUR',
          cartValueMinor: 1230,
        }),
      ),
    ).toBe('2 × prd_milk_01 at €1.29 · cart €12.30');
    expect(describeEvent(entry('search', { query: 'oat milk', resultCount: 1 }))).toBe(
      '“oat milk” · 1 result',
    );
    expect(
      describeEvent(entry('checkout_started', { cartValueMinor: 4599, currency: 'EUR', itemCount: 7 })),
    ).toBe('7 items · cart €45.99');
    expect(
      describeEvent(entry('session_end', { durationSeconds: 95, eventCount: 12, reason: 'explicit' })),
    ).toBe('12 events · 95 seconds · explicit');
    expect(describeEvent(entry('segment_updated', { from: null, to: 'New' }))).toBe('unscored → New');
    expect(
      describeEvent(
        entry('order_refunded', {
          orderId: 'ord_1',
          amountMinor: 349,
          currency: 'EUR',
          orderTotalMinor: 1415,
          totalRefundedMinor: 349,
        }),
      ),
    ).toBe('ord_1 · refunded €3.49 · net €10.66');
    expect(money(1999, 'GBP')).toBe('£19.99');
    // Each currency by its own minor unit, and nothing guessed for an amount without one.
    expect(money(1500, 'JPY')).toBe('¥1,500');
    expect(money(1250, 'KWD')).toBe('KWD\u00a01.250');
    expect(money(1250, undefined)).toBe('1,250 minor units');
  });

  it('show nothing of a masked shopper but the type and time', () => {
    const masked = entry('add_to_cart', { productId: 'prd_x' }, true);
    expect(describeEvent(masked)).toBe('masked (no personalization consent): details hidden');
    expect(eventTime(masked.event.occurredAt)).toBe('14:03:21');
  });

  it('say how long ago in seconds, minutes or hours', () => {
    const now = Date.parse('2026-11-24T14:10:00Z');
    expect(agoLabel('2026-11-24T14:09:58Z', now)).toBe('just now');
    expect(agoLabel('2026-11-24T14:09:30Z', now)).toBe('30 s ago');
    expect(agoLabel('2026-11-24T14:02:00Z', now)).toBe('8 min ago');
    expect(agoLabel('2026-11-24T11:00:00Z', now)).toBe('3 h ago');
  });
});

describe('alert workflow choices', () => {
  it('offers exactly the transitions the server allows', () => {
    expect(statusActions('open')).toEqual([
      { to: 'acknowledged', label: 'Acknowledge' },
      { to: 'resolved', label: 'Resolve' },
    ]);
    expect(statusActions('acknowledged').map((a) => a.label)).toEqual(['Resolve', 'Reopen']);
    expect(statusActions('resolved').map((a) => a.label)).toEqual(['Reopen']);
  });

  it('snoozes into the future and knows when a snooze has run out', () => {
    const now = Date.parse('2026-11-24T14:00:00Z');
    const until = snoozeUntil(now, 3_600_000);
    expect(until).toBe('2026-11-24T15:00:00.000Z');
    expect(isSnoozed({ snoozedUntil: until }, now)).toBe(true);
    expect(isSnoozed({ snoozedUntil: until }, now + 3_600_000)).toBe(false);
    expect(isSnoozed({}, now)).toBe(false);
  });

  it('explains a conflict as a concurrent change, and counts a full page as "at least"', () => {
    expect(changeErrorMessage({ status: 409, message: 'x' })).toMatch(
      /Someone else changed this alert.*reloaded/,
    );
    expect(changeErrorMessage({ status: 422, message: 'An open alert cannot become open.' })).toBe(
      'An open alert cannot become open. The inbox has been reloaded.',
    );
    expect(tabCount(3, 50)).toBe('3');
    expect(tabCount(50, 50)).toBe('50+');
    expect(tabCount(undefined, 50)).toBe('');
  });
});

describe('stream health figures', () => {
  const shard = (over: Partial<ShardHealth>): ShardHealth => ({
    shardId: 'shardId-000000000000',
    parents: [],
    owner: 'worker-1',
    leaseExpiresInSeconds: 20,
    finished: false,
    waiting: 0,
    iteratorAgeSeconds: 0,
    ...over,
  });

  it('says the backlog in records (at least, when a shard was counted to its cap) and the oldest age', () => {
    const health = {
      shards: [
        shard({ waiting: 1000, iteratorAgeSeconds: 192.4 }),
        shard({ shardId: 'b', waiting: 12, iteratorAgeSeconds: 1.5, owner: null }),
        shard({ shardId: 'old', finished: true, waiting: 0, iteratorAgeSeconds: null }),
      ],
    };
    expect(backlogLabel(health)).toBe('at least 1,012 records');
    expect(iteratorAgeLabel(health)).toBe('3 min 12 s');
    expect(shardsLabel(health)).toBe('1 of 2 shards held');
    expect(backlogLabel({ shards: [shard({ waiting: 1 })] })).toBe('1 record');
    expect(iteratorAgeLabel({ shards: [shard({ iteratorAgeSeconds: 0.4 })] })).toBe('0.4 s');
    expect(iteratorAgeLabel({ shards: [] })).toBe('–');
  });

  it('counts dead letters and live workers', () => {
    expect(
      deadLettersLabel({
        deadLetters: [
          { handler: 'a', count: 2, oldest: '' },
          { handler: 'b', count: 1, oldest: '' },
        ],
      }),
    ).toBe('3 dead letters');
    expect(deadLettersLabel({ deadLetters: [] })).toBe('0 dead letters');
    expect(
      workersLabel({
        workers: [
          { workerId: 'w1', heartbeatAt: '', alive: true },
          { workerId: 'w2', heartbeatAt: '', alive: false },
        ],
      }),
    ).toBe('1 worker alive');
  });
});
