/**
 * What producers and consumers take from the event contracts; everything else is imported from its own file. The
 * doc generator (generate-docs.ts, which loads Prettier) is left out on purpose so app code never bundles it.
 */
export { eventIdFor } from './event-id';
export { EVENT_SOURCES } from './event-types';
export { EVENT_EXAMPLES } from './examples';
export { newEvent } from './new-event';
export { type EventFieldError, parseEvent } from './parse-event';
export { type EventOf, type PulseEvent } from './schemas';
