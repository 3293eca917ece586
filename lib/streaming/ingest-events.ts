import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EVENT_SOURCES, parseEvent, type EventFieldError, type PulseEvent } from '../events';
import { allowing, countEnforcement } from '../privacy/consent/may-use';
import { erasedAmong } from '../privacy/erasure/tombstones';
import { eventProducer, publishEvent } from '../stream/event-publisher';
import { ProducerQueueFullError } from '../stream/producer';

/** Behavioural events the storefront may send here (consent goes through the consent API, orders through orders). */
export const INGESTIBLE_TYPES = Object.entries(EVENT_SOURCES)
  .filter(([type, sources]) => sources.includes('storefront') && type !== 'consent_updated')
  .map(([type]) => type);

export const MAX_EVENTS_PER_REQUEST = 500;

export const ingestRequestSchema = z.strictObject({
  events: z
    .array(z.record(z.string(), z.unknown()))
    .min(1, 'send at least one event')
    .max(MAX_EVENTS_PER_REQUEST, `at most ${MAX_EVENTS_PER_REQUEST} events per request`),
});

/** The producer's queue cannot take the batch now: answered 429 with Retry-After, nothing accepted. */
export class IngestBusyError extends Error {
  constructor() {
    super('Events are arriving faster than they can be stored; retry this batch shortly.');
  }
}

export class InvalidEventsError extends Error {
  override name = 'InvalidEventsError';
  constructor(readonly errors: EventFieldError[]) {
    super(`${errors.length} problem(s) in the events; nothing was accepted.`);
  }
}

export interface IngestResult {
  accepted: number;
  /** Events refused because the customer does not allow `analytics` (or was erased): not stored, not counted. */
  rejected: { index: number; eventId: string; reason: string }[];
}

/**
 * Takes a batch of storefront events: every one is validated first (one bad event refuses the batch, with the
 * index and field of each problem); then consent decides, per customer, whether an event may be stored and counted
 * at all (`analytics`); allowed ones go to the stream. The storefront may send its own `eventId` (a retry then
 * stays one event for the consumers); otherwise one is made.
 */
export async function ingestEvents(raw: readonly Record<string, unknown>[]): Promise<IngestResult> {
  const receivedAt = new Date().toISOString();
  const events: PulseEvent[] = [];
  const errors: EventFieldError[] = [];
  raw.forEach((input, index) => {
    const type = input.type;
    if (typeof type === 'string' && !INGESTIBLE_TYPES.includes(type)) {
      errors.push({
        path: `events.${index}.type`,
        message: `${type} is not sent here; one of ${INGESTIBLE_TYPES.join(', ')}`,
      });
      return;
    }
    const parsed = parseEvent({
      eventId: randomUUID(),
      schemaVersion: 1,
      source: 'storefront',
      ...input,
      receivedAt,
    });
    if (parsed.ok) events.push(parsed.event);
    else
      errors.push(
        ...parsed.errors.map((e) => ({
          path: `events.${index}${e.path ? `.${e.path}` : ''}`,
          message: e.message,
        })),
      );
  });
  if (errors.length) throw new InvalidEventsError(errors);

  const customers = events.map((e) => e.customerId);
  const [allowed, erased] = await Promise.all([allowing(customers, 'analytics'), erasedAmong(customers)]);
  // Back-pressure: the stream's producer holds a bounded queue. Checked here, with no await before the sends below,
  // so concurrent requests cannot all pass it and then overfill the queue half-way through a batch.
  if (eventProducer().capacity < events.length) throw new IngestBusyError();
  const result: IngestResult = { accepted: 0, rejected: [] };
  const publishing: Promise<unknown>[] = [];
  events.forEach((event, index) => {
    if (erased.has(event.customerId)) {
      result.rejected.push({ index, eventId: event.eventId, reason: 'the customer was erased' });
    } else if (!allowed.has(event.customerId)) {
      result.rejected.push({
        index,
        eventId: event.eventId,
        reason: 'the customer does not allow analytics',
      });
    } else {
      publishing.push(publishEvent(event));
      result.accepted++;
    }
  });
  countEnforcement('analytics', 'rejected', result.rejected.length);
  try {
    await Promise.all(publishing);
  } catch (error) {
    // Another process's producer is not ours to count; if ours refused anyway, the storefront retries the batch
    // (event ids make the retry the same events for the consumers).
    if (error instanceof ProducerQueueFullError) throw new IngestBusyError();
    throw error;
  }
  return result;
}
