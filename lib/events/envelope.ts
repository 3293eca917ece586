import { z } from 'zod';
import { customerIdSchema } from '../customers/customer';
import {
  EVENT_SOURCES,
  EVENT_TYPES,
  type EventSource,
  type EventType,
  isSourceAllowed,
  SOURCES,
  sourceErrorMessage,
} from './event-types';
import { datetimeSchema, idSchema, requiredOr } from './fields';

/**
 * The envelope of every Kinesis record (partition key = customerId). Objects are strict: a misspelt field from a
 * producer is an error at ingestion rather than data silently lost.
 */
export const envelopeShape = {
  eventId: z
    .uuid({ error: requiredOr('must be a UUID') })
    .describe('unique per event; consumers deduplicate on it'),
  customerId: customerIdSchema.describe('the customer the event is about; also the partition key'),
  sessionId: idSchema.optional().describe('storefront session; absent for server-side events'),
  occurredAt: datetimeSchema.describe('when it happened, as the source saw it'),
  receivedAt: datetimeSchema.describe('when Customer Pulse accepted it; newEvent() fills it when not given'),
};

/** Accepts any version up to the current one, so records already on the stream still parse after a bump. */
export function schemaVersionSchema(type: EventType, current: number) {
  return z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(current, `${type} is at schemaVersion ${current} here; a newer producer needs this consumer updated`)
    .describe(`version of the properties schema; ${current} today`);
}

/** The source field of one type, with a message that says who may send it instead. */
export function sourceSchemaFor(type: EventType) {
  const allowed: readonly EventSource[] = EVENT_SOURCES[type];
  return z
    .enum(allowed, {
      error: (issue) => (issue.input === undefined ? 'required' : sourceErrorMessage(type, issue.input)),
    })
    .describe(`who sent it: ${allowed.join(' or ')}`);
}

/**
 * The envelope alone, with properties unchecked: for routing, dead-lettering and metrics before (or without)
 * knowing a type's properties. Full validation is `eventSchema` in schemas.ts.
 */
export const envelopeSchema = z
  .strictObject({
    ...envelopeShape,
    type: z.enum(EVENT_TYPES).describe('see "Types"'),
    source: z.enum(SOURCES).describe('the system that sent it; see "Who sends what"'),
    schemaVersion: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .describe('version of the properties schema of this type'),
    properties: z.record(z.string(), z.unknown()).describe('type-specific, see each type'),
  })
  .superRefine((envelope, ctx) => {
    if (!isSourceAllowed(envelope.type, envelope.source)) {
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message: sourceErrorMessage(envelope.type, envelope.source),
      });
    }
  });
export type Envelope = z.infer<typeof envelopeSchema>;
