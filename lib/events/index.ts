/**
 * The event contracts, as producers and consumers use them. The doc generator (generate-docs.ts, which loads
 * Prettier) is left out on purpose so app code never bundles it.
 */
export { EVENT_CATALOG, type CatalogEntry } from './catalog';
export { envelopeSchema, type Envelope } from './envelope';
export { eventIdFor } from './event-id';
export {
  EVENT_SOURCES,
  EVENT_TYPES,
  type EventSource,
  type EventType,
  isEventType,
  isSourceAllowed,
  SOURCES,
  typesFromSource,
} from './event-types';
export { EVENT_EXAMPLES } from './examples';
export { MAX_MINOR } from './fields';
export { newEvent, type NewEventFields } from './new-event';
export { type EventFieldError, EventValidationError, parseEvent, type ParseEventResult } from './parse-event';
export { isPurpose, type Purpose, PURPOSE_ALLOWS, PURPOSES, purposeSchema } from './purposes';
export { eventSchema, type EventOf, type PropertiesOf, type PulseEvent } from './schemas';
export {
  isSegment,
  RFM_DIMENSIONS,
  type RfmDimension,
  type RfmScores,
  rfmScoresSchema,
  type Segment,
  SEGMENTS,
  segmentSchema,
} from './segments';
export { type Placement, PLACEMENTS } from './types/recommendations';
