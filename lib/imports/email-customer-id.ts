import { createHmac } from 'node:crypto';

/**
 * A customer id derived from an e-mail address, for imports that know customers only by e-mail (Shopify exports,
 * canonical lines without customer_id): `em_` + 32 hex digits of HMAC-SHA256 over the trimmed, lower-cased address.
 * Stable across imports under the same key, so a customer's orders from two files meet; not reversible without the
 * key, so the id does not spell out the address. The pipeline passes the product's pseudonym key (lib/privacy).
 */
export function customerIdForEmailWith(key: string): (email: string) => string {
  if (key.length < 16) throw new TypeError('the e-mail pseudonym key must be at least 16 characters');
  return (email) =>
    `em_${createHmac('sha256', key).update(`import-email\n${email.trim().toLowerCase()}`).digest('hex').slice(0, 32)}`;
}
