import { createHash } from 'node:crypto';
import { customerIdSchema } from './customer';

/**
 * A source system's customer id (an import's `customer_id`, already checked to be letters, digits and _ . : # -)
 * as this product's: one that fits customerIdSchema is kept, so an import and the storefront's API agree on the
 * customer; one with `.`, `:` or `#` becomes `cid_` + 32 hex digits of its SHA-256: stable across imports, distinct
 * for distinct ids. Not keyed: such ids are the shop's reference numbers, not personal data (an e-mail cannot pass
 * the import's id rule). The customer list's search uses it too, so the shop's own id finds the customer.
 */
export function customerIdFromSource(value: string): string {
  if (customerIdSchema.safeParse(value).success) return value;
  return `cid_${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
}
