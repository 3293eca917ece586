import { keyedRef } from '../privacy/pseudonym';

/**
 * The customer id of an imported customer known only by e-mail: `em_` + 32 hex digits of HMAC-SHA256 under the
 * product's pseudonym key, the value customerIdForEmailWith(key) (email-customer-id.ts) gives, computed by lib/privacy
 * so the key never leaves it. The same address is the same customer in every import into this store.
 */
export const keyedEmailCustomerId = (email: string) =>
  `em_${keyedRef('import-email', email.trim().toLowerCase())}`;
