import { expireItems, type OwnerExpiry } from '../db/expire-items';

/** Expiry of the consumer's idempotency marks and dead letters, run by privacy's retention sweep. */
export const KINESIS_EXPIRY = {
  processed_events: (spec) => expireItems('processed_events', spec),
  dead_letters: (spec) => expireItems('dead_letters', spec),
} satisfies OwnerExpiry<'kinesis'>;
