import { expireItems, type OwnerExpiry } from '../db/expire-items';

/** Expiry of the Overview's counted-once markers, run by privacy's retention sweep. */
export const OVERVIEW_EXPIRY = {
  business_weeks: (spec) => expireItems('business_weeks', spec),
} satisfies OwnerExpiry<'overview'>;
