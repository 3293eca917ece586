import { expireItems, type OwnerExpiry } from '../db/expire-items';

/** Expiry of privacy's own rows (consent change marks, finished requests, audit days), run by its retention sweep. */
export const PRIVACY_EXPIRY = {
  consent_aggregates: (spec) => expireItems('consent_aggregates', spec),
  privacy_requests: (spec) => expireItems('privacy_requests', spec),
  audit_log: (spec) => expireItems('audit_log', spec),
} satisfies OwnerExpiry<'privacy'>;
