import { batchGet } from '../../db/batch';
import { queryItems } from '../../db/items';
import { consentEntrySchema, type ConsentEntry } from './consent-entry';

/** A customer's ledger, oldest first (consistent: the entry just written is there). */
export async function readLedger(customerId: string): Promise<ConsentEntry[]> {
  const items = await queryItems('consent', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    consistent: true,
  });
  return items.map((i) => consentEntrySchema.parse(i));
}

/** A customer's latest entry, or undefined when they have none. */
export async function latestEntry(customerId: string): Promise<ConsentEntry | undefined> {
  const [last] = await queryItems('consent', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    forward: false,
    limit: 1,
    consistent: true,
  });
  return last ? consentEntrySchema.parse(last) : undefined;
}

/** One entry by position (the sweeper's check that an entry it holds an event for really was written). */
export async function entryAt(customerId: string, seq: string): Promise<ConsentEntry | undefined> {
  const [item] = await batchGet('consent', [{ customerId, seq }], { consistent: true });
  return item ? consentEntrySchema.parse(item) : undefined;
}
