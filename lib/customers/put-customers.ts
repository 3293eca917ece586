import { batchPut } from '../db/batch';
import { customerItemSchema, type CustomerItem } from './customer';

/** Bulk load of customer profiles (seed, imports): validated, written 25 at a time, idempotent by customerId. */
export async function putCustomers(customers: (CustomerItem & { source?: string })[]): Promise<void> {
  await batchPut(
    'customers',
    customers.map((c) => ({ ...customerItemSchema.parse(c), ...(c.source ? { source: c.source } : {}) })),
  );
}
