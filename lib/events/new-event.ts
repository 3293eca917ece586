import { randomUUID } from 'node:crypto';
import { EVENT_CATALOG } from './catalog';
import { EventValidationError, parseEvent } from './parse-event';
import type { EventOf, EventType } from './schemas';

type Filled = 'eventId' | 'schemaVersion' | 'receivedAt';

/** What a producer supplies: the event without its type, with the fields `newEvent` can fill left optional. */
export type NewEventFields<T extends EventType> = Omit<EventOf<T>, 'type' | Filled> &
  Partial<Pick<EventOf<T>, Filled>>;

/**
 * Builds and validates an event. A random eventId unless one is given (pass `eventIdFor(...)` when a retry must
 * produce the same id), the type's current schemaVersion, and receivedAt = now. Throws EventValidationError: a
 * producer building an invalid event is a bug, better found at the source than in every consumer.
 */
export function newEvent<T extends EventType>(type: T, fields: NewEventFields<T>): EventOf<T> {
  // Explicit `undefined` counts as missing, so spreading optional inputs through cannot blank a filled field.
  const { eventId, schemaVersion, receivedAt, ...rest } = fields;
  const result = parseEvent({
    ...rest,
    type,
    eventId: eventId ?? randomUUID(),
    schemaVersion: schemaVersion ?? EVENT_CATALOG[type].schemaVersion,
    receivedAt: receivedAt ?? new Date().toISOString(),
  });
  if (!result.ok) throw new EventValidationError(result.errors);
  // parseEvent checked `type`, so the event is this member of the union.
  return result.event as EventOf<T>;
}
