import { z } from 'zod';
import { EVENT_CATALOG } from './catalog';
import { envelopeShape, schemaVersionSchema, sourceSchemaFor } from './envelope';
import { EVENT_TYPES, type EventType } from './event-types';

export { EVENT_TYPES, type EventType } from './event-types';

/** Envelope + one type's properties, strict at every level. */
function member<T extends EventType>(type: T) {
  const entry = EVENT_CATALOG[type];
  return z.strictObject({
    ...envelopeShape,
    type: z.literal(type),
    source: sourceSchemaFor(type),
    schemaVersion: schemaVersionSchema(type, entry.schemaVersion),
    // Keeps the per-type schema type; reading through the generic index would widen it to the union of all types.
    properties: entry.properties as (typeof EVENT_CATALOG)[T]['properties'],
  });
}

const typeMessage = `type must be one of ${EVENT_TYPES.join(', ')}`;

/** Every event on the stream. Ingestion, consumers and storage reads all parse with this one schema. */
export const eventSchema = z.discriminatedUnion(
  'type',
  [
    member('page_view'),
    member('product_view'),
    member('search'),
    member('add_to_cart'),
    member('remove_from_cart'),
    member('checkout_started'),
    member('purchase'),
    member('order_refunded'),
    member('recommendation_shown'),
    member('recommendation_clicked'),
    member('session_end'),
    member('segment_updated'),
    member('consent_updated'),
    member('customer_erased'),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? typeMessage : undefined) },
);

export type PulseEvent = z.infer<typeof eventSchema>;
export type EventOf<T extends EventType> = Extract<PulseEvent, { type: T }>;
export type PropertiesOf<T extends EventType> = EventOf<T>['properties'];
