import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { busy, DomainError } from '../errors/domain-error';
import { EVENT_SOURCES, parseEvent, type EventFieldError, type PulseEvent } from '../events';
import { allowing, countEnforcement } from '../privacy/consent/may-use';
import { knownErasedAmong } from '../privacy/erasure/tombstones';
import { eventProducer, ProducerQueueFullError, publishEvent } from '../kinesis/producer';
import { RecentEventIds } from './recent-event-ids';

/** Behavioural events the storefront may send here (consent goes through the consent API, orders through orders). */
const INGESTIBLE_TYPES = Object.entries(EVENT_SOURCES)
  .filter(([type, sources]) => sources.includes('storefront') && type !== 'consent_updated')
  .map(([type]) => type);

const MAX_EVENTS_PER_REQUEST = 500;

export const ingestRequestSchema = z.strictObject({
  events: z
    .array(z.record(z.string(), z.unknown()))
    .min(1, 'send at least one event')
    .max(MAX_EVENTS_PER_REQUEST, `at most ${MAX_EVENTS_PER_REQUEST} events per request`),
});

/** The producer's queue cannot take the batch now: answered 429 with Retry-After, nothing accepted. */
const ingestBusy = () =>
  busy('Events are arriving faster than they can be stored; retry this batch shortly.', 1);

/** Not one event of the batch is valid: answered 400 with every problem (titled as this endpoint always has). */
const invalidEvents = (errors: EventFieldError[]) =>
  new DomainError(
    'invalid',
    `None of the events is valid (${errors.length} problem(s)); nothing was accepted.`,
    {
      errors,
      title: 'Bad request',
    },
  );

/**
 * What became of one event: `accepted` (stored on the stream), `duplicate` (its eventId was already stored, so
 * it is not stored again), `rejected` (invalid: `errors` says where), `dropped` (consent: not stored, not counted).
 */
export type EventStatus = 'accepted' | 'duplicate' | 'rejected' | 'dropped';

export interface EventResult {
  index: number;
  /** The storefront's id, or the one made here; absent only for a rejected event that sent none. */
  eventId?: string;
  status: EventStatus;
  reason?: string;
  errors?: EventFieldError[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  dropped: number;
  /** One per event sent, in the order sent. */
  results: EventResult[];
}

const recentIds = new RecentEventIds();
const DUPLICATE = { status: 'duplicate', reason: 'an event with this eventId was already accepted' } as const;

function validate(input: Record<string, unknown>, index: number, receivedAt: string) {
  const type = input.type;
  const at = (path: string) => `events.${index}${path ? `.${path}` : ''}`;
  if (typeof type === 'string' && !INGESTIBLE_TYPES.includes(type)) {
    return {
      ok: false as const,
      errors: [
        { path: at('type'), message: `${type} is not sent here; one of ${INGESTIBLE_TYPES.join(', ')}` },
      ],
    };
  }
  const parsed = parseEvent({
    eventId: randomUUID(),
    schemaVersion: 1,
    source: 'storefront',
    ...input,
    receivedAt,
  });
  if (parsed.ok) return parsed;
  return { ok: false as const, errors: parsed.errors.map((e) => ({ path: at(e.path), message: e.message })) };
}

/** Waits for the publishes; what Kinesis stored stays known (a retry of the batch is not stored twice). */
async function settle(publishing: Promise<unknown>[], stored: string[], reserved: string[]): Promise<void> {
  try {
    await Promise.all(publishing);
  } catch (error) {
    await Promise.allSettled(publishing);
    recentIds.commit(stored);
    recentIds.release(reserved);
    // Another process's producer is not ours to count; if ours refused anyway, the storefront retries the batch
    // (event ids make the retry the same events for the consumers).
    if (error instanceof ProducerQueueFullError) throw ingestBusy();
    throw error;
  }
  recentIds.commit(stored);
}

/**
 * Takes a batch of storefront events and answers for each: invalid ones are rejected with the field of each
 * problem (a batch with no valid event at all is refused outright); an event whose `eventId` this process already
 * stored is a duplicate; consent then decides, per customer, whether an event may be stored and counted at all
 * (`analytics`, and not erased); the rest go to the stream, `receivedAt` stamped. The storefront may send its own
 * `eventId` (a retry is then recognised); otherwise one is made.
 */
export async function ingestEvents(raw: readonly Record<string, unknown>[]): Promise<IngestResult> {
  const receivedAt = new Date().toISOString();
  const results: EventResult[] = [];
  const valid: { index: number; event: PulseEvent; own: boolean }[] = [];
  const errors: EventFieldError[] = [];
  raw.forEach((input, index) => {
    const checked = validate(input, index, receivedAt);
    if (checked.ok) {
      valid.push({ index, event: checked.event, own: typeof input.eventId === 'string' });
      return;
    }
    errors.push(...checked.errors);
    const eventId = typeof input.eventId === 'string' ? input.eventId : undefined;
    results[index] = {
      index,
      eventId,
      status: 'rejected',
      reason: checked.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors: checked.errors,
    };
  });
  if (!valid.length) throw invalidEvents(errors);

  const customers = valid.map((v) => v.event.customerId);
  const [allowed, erased] = await Promise.all([
    allowing(customers, 'analytics'),
    knownErasedAmong(customers),
  ]);
  // Back-pressure: the stream's producer holds a bounded queue. Checked here, with no await before the sends below,
  // so concurrent requests cannot all pass it and then overfill the queue half-way through a batch.
  if (eventProducer().capacity < valid.length) throw ingestBusy();
  const reserved: string[] = [];
  const stored: string[] = [];
  const publishing: Promise<unknown>[] = [];
  const waiting: Promise<void>[] = [];
  let dropped = 0;
  const publish = (event: PulseEvent, own: boolean) => {
    if (own) reserved.push(event.eventId);
    publishing.push(publishEvent(event).then(() => own && stored.push(event.eventId)));
  };
  for (const { index, event, own } of valid) {
    const result: EventResult = { index, eventId: event.eventId, status: 'accepted' };
    results[index] = result;
    if (erased.has(event.customerId)) {
      Object.assign(result, { status: 'dropped', reason: 'the customer was erased' });
      dropped++;
    } else if (!allowed.has(event.customerId)) {
      Object.assign(result, { status: 'dropped', reason: 'the customer does not allow analytics' });
      dropped++;
    } else {
      const reservation = own ? recentIds.reserve(event.eventId) : 'new';
      if (reservation === 'new') publish(event, own);
      else if (reservation === 'stored') Object.assign(result, DUPLICATE);
      else
        // Another request is publishing this id: a duplicate once that is stored; if it failed, this one sends it.
        waiting.push(
          reservation.then((wasStored) => {
            if (!wasStored && recentIds.reserve(event.eventId) === 'new') publish(event, own);
            else Object.assign(result, DUPLICATE);
          }),
        );
    }
  }
  countEnforcement('analytics', 'rejected', dropped);
  // First what this request publishes; then the ids another request was publishing (a retry racing its original):
  // those that turned out stored are duplicates, the others this request publishes in a second round.
  await settle(publishing, stored, reserved);
  await Promise.all(waiting);
  await settle(publishing, stored, reserved);
  const count = (status: EventStatus) => results.filter((r) => r.status === status).length;
  return {
    accepted: publishing.length,
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    dropped,
    results,
  };
}
