import { queryItems } from '../../db/items';

/** Whether any consent entry is held for the customer (one item read, not the ledger). */
export async function hasConsentLedger(customerId: string): Promise<boolean> {
  const first = await queryItems('consent', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    limit: 1,
  });
  return first.length > 0;
}
