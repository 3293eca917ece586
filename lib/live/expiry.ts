import { expireItems, type OwnerExpiry } from '../db/expire-items';

/** Expiry of the live view's markers and of alerts, run by privacy's retention sweep. */
export const LIVE_EXPIRY = {
  stream_aggregates: (spec) => expireItems('stream_aggregates', spec),
  alerts: (spec) => expireItems('alerts', spec),
} satisfies OwnerExpiry<'live'>;
