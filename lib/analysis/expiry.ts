import { expireItems, type OwnerExpiry } from '../db/expire-items';

/** Expiry of old insight versions, run by privacy's retention sweep. */
export const ANALYSIS_EXPIRY = {
  customer_insights: (spec) => expireItems('customer_insights', spec),
} satisfies OwnerExpiry<'analysis'>;
