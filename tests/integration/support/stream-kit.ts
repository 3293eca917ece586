import { randomUUID } from 'node:crypto';
import { getKinesisClient } from '@/lib/aws/clients';
import { getConfig } from '@/lib/config';
import { putItem, queryItems } from '@/lib/db/items';
import type { PulseEvent } from '@/lib/events';
import type { Decoder, EventHandler } from '@/lib/kinesis/consumer/handler';
import { StreamConsumer } from '@/lib/kinesis/consumer/stream-consumer';
import { KinesisProducer, type PutRecordsClient } from '@/lib/kinesis/producer';
import { decodeEvent, EVENT_HANDLERS, excludeErased } from '@/lib/worker/event-handlers';

export interface TestEvent {
  eventId: string;
  type: string;
  customerId: string;
  n: number;
}

export const decodeTestEvent: Decoder<TestEvent> = (data) => {
  try {
    const value = JSON.parse(Buffer.from(data).toString('utf8')) as Partial<TestEvent>;
    if (typeof value.eventId !== 'string' || typeof value.type !== 'string')
      return { ok: false, error: 'not an event' };
    return { ok: true, event: value as TestEvent };
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
};

export function testEvents(count: number, offset = 0): TestEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'purchase',
    customerId: `cus_${String((offset + i) % 50).padStart(6, '0')}`,
    n: offset + i,
  }));
}

export function producer(client: PutRecordsClient = getKinesisClient()): KinesisProducer {
  return new KinesisProducer({
    streamName: getConfig().EVENTS_STREAM,
    client,
    lingerMs: 5,
    baseDelayMs: 5,
    random: () => 0.5,
  });
}

export async function publish(events: TestEvent[], p = producer()): Promise<void> {
  await Promise.all(events.map((e) => p.send(e.customerId, JSON.stringify(e))));
  await p.close();
}

/**
 * A handler whose effect is one item per event in `stream_aggregates` (metric = `effects:<run>`): writing it twice
 * leaves one item, so counting the items counts events handled, and `calls` counts deliveries.
 */
export function effectHandler(run: string, behaviour: (e: TestEvent) => void = () => undefined) {
  const calls = { count: 0 };
  const handler: EventHandler<TestEvent> = {
    name: `effects-${run}`,
    types: ['purchase'],
    async handle(event) {
      calls.count++;
      behaviour(event);
      await putItem('stream_aggregates', { metric: `effects:${run}`, bucket: event.eventId, n: event.n });
    },
  };
  return { handler, calls };
}

export async function countEffects(run: string): Promise<number> {
  return (
    await queryItems('stream_aggregates', { keyCondition: 'metric = :m', values: { ':m': `effects:${run}` } })
  ).length;
}

export function consumer(workerId: string, handlers: EventHandler<TestEvent>[], leaseMs = 1500) {
  return new StreamConsumer<TestEvent>({
    stream: getConfig().EVENTS_STREAM,
    workerId,
    handlers,
    decode: decodeTestEvent,
    leaseMs,
    pollMs: 50,
    retryDelayMs: 5,
    log: () => undefined,
  });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A consumer of the events stream as the worker runs it (its handlers by default), quick to take leases. */
export function eventConsumer(workerId: string, handlers: EventHandler<PulseEvent>[] = EVENT_HANDLERS) {
  return new StreamConsumer<PulseEvent>({
    stream: getConfig().EVENTS_STREAM,
    workerId,
    handlers,
    decode: decodeEvent,
    leaseMs: 1500,
    pollMs: 50,
    exclude: excludeErased,
    log: () => undefined,
  });
}
