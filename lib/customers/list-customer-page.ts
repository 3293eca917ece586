import { scanPage } from '../db/items';
import { customerItemSchema, type CustomerItem } from './customer';

/** Where a scan of the profiles stopped: DynamoDB's key, kept as it is (a batch run checkpoints it). */
export type CustomerPageKey = Record<string, unknown>;

/**
 * One page of a scan over every profile: at most `limit`, only `attributes` read (the rest is neither sent nor
 * parsed), and the key to continue from (absent after the last page). For jobs that work through everyone in
 * checkpointed steps.
 */
export async function listCustomerPage<K extends keyof CustomerItem & string>(input: {
  limit: number;
  startKey?: CustomerPageKey;
  attributes: readonly K[];
}): Promise<{ items: Pick<CustomerItem, K>[]; nextKey?: CustomerPageKey }> {
  const mask: Partial<Record<keyof CustomerItem, true>> = Object.fromEntries(
    input.attributes.map((a) => [a, true]),
  );
  const schema = customerItemSchema.pick(mask);
  const page = await scanPage('customers', {
    limit: input.limit,
    startKey: input.startKey,
    attributes: input.attributes,
  });
  return {
    // Zod cannot type a pick by a generic list of keys; the schema checks exactly these attributes.
    items: page.items.map((i) => schema.parse(i) as unknown as Pick<CustomerItem, K>),
    nextKey: page.nextKey,
  };
}
