import { batchGet, batchPut } from '../db/batch';
import { customerItemSchema, type CustomerProfile } from './customer';

/**
 * Creates the profiles of customers who have none (bulk loads such as imports), leaving existing profiles as they
 * are, as putCustomerIfNew does for one: what the storefront or an earlier import recorded wins. Returns the ids
 * created. Existence is read first and the new profiles are then written in batches (a conditional put per
 * customer would cost a round trip each); a profile the storefront creates between the two is overwritten by the
 * file's, and the next storefront order leaves it as it is — the summary fields are recomputed from the orders
 * either way.
 */
export async function putCustomersIfNew(
  profiles: readonly CustomerProfile[],
  source: string,
): Promise<string[]> {
  if (!profiles.length) return [];
  const existing = new Set(
    (
      await batchGet(
        'customers',
        profiles.map((p) => ({ customerId: p.customerId })),
        { consistent: true },
      )
    ).map((c) => String(c.customerId)),
  );
  const fresh = profiles.filter((p) => !existing.has(p.customerId));
  await batchPut(
    'customers',
    fresh.map((p) => ({ ...customerItemSchema.parse({ ...p, email: p.email.toLowerCase() }), source })),
  );
  return fresh.map((p) => p.customerId);
}
