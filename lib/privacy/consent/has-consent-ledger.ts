import { batchGet } from '../../db/batch';
import { queryItems } from '../../db/items';
import { seqOf } from './consent-entry';

/** Whether any consent entry is held for the customer (one item read, not the ledger). */
export async function hasConsentLedger(customerId: string): Promise<boolean> {
  const first = await queryItems('consent', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    limit: 1,
  });
  return first.length > 0;
}

/**
 * Which of these customers hold a ledger, 100 per request: every ledger starts at position 1 and entries are only
 * ever appended (erasure deletes the whole ledger), so the first entry's key answers for the ledger.
 */
export async function withConsentLedger(customerIds: readonly string[]): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const found = await batchGet(
    'consent',
    customerIds.map((customerId) => ({ customerId, seq: seqOf(1) })),
    { consistent: true },
  );
  return new Set(found.map((entry) => String(entry.customerId)));
}
