import { scanItems } from '../db/items';
import { customerItemSchema, type CustomerItem } from './customer';

/**
 * Every customer profile, in one scan (all pages). For jobs that go over everyone (segments, backtests,
 * experiments); request paths use the cached snapshot behind `listCustomers` instead.
 */
export async function listAllCustomers(): Promise<CustomerItem[]> {
  return (await scanItems('customers')).map((i) => customerItemSchema.parse(i));
}
