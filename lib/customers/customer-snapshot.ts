import { scanItems } from '../db/items';
import { customerItemSchema, type CustomerItem } from './customer';

// Listing, searching and sorting customers needs all of them (DynamoDB has no ad-hoc sort or text search); at the
// product's scale (thousands to ~100,000 customers) one scan shared for a few seconds per process is cheaper than
// an index service. Changes show within this long.
const FRESH_MS = 10_000;
let cached: { at: number; customers: Promise<CustomerItem[]> } | undefined;

export function customerSnapshot(): Promise<CustomerItem[]> {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    const customers = scanItems('customers').then((items) => items.map((i) => customerItemSchema.parse(i)));
    cached = { at: Date.now(), customers };
    customers.catch(() => (cached = undefined));
  }
  return cached.customers;
}

export function forgetCustomerSnapshot(): void {
  cached = undefined;
}
