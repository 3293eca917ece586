import { batchGet } from '../db/batch';
import { customerItemSchema, type CustomerItem } from './customer';

/**
 * The stored profiles of several customers (100 per request), in any order; customers without a profile are
 * absent. `consistent` reads the latest writes, e.g. a summary just recomputed.
 */
export async function getCustomerItems(
  customerIds: readonly string[],
  options: { consistent?: boolean } = {},
): Promise<CustomerItem[]> {
  const items = await batchGet(
    'customers',
    customerIds.map((customerId) => ({ customerId })),
    options,
  );
  return items.map((i) => customerItemSchema.parse(i));
}
