import { queryItems } from '../../db/items';
import { consentEntrySchema, type ConsentEntry } from './consent-entry';

/**
 * A customer's ledger, oldest first (consistent: the entry just written is there). An item that is not a valid
 * entry (edited in the table) is kept with its hashes so the chain check reports it instead of the read failing.
 */
export async function readLedger(customerId: string): Promise<ConsentEntry[]> {
  const items = await queryItems('consent', {
    keyCondition: 'customerId = :c',
    values: { ':c': customerId },
    consistent: true,
  });
  return items.map((i) => consentEntrySchema.safeParse(i).data ?? damaged(i));
}

/** A placeholder for an item that does not parse: its chain fields as stored, content that can never hash right. */
function damaged(item: Record<string, unknown>): ConsentEntry {
  return {
    customerId: String(item.customerId),
    seq: String(item.seq),
    at: String(item.at ?? ''),
    changes: {},
    state: {
      essential: true,
      analytics: false,
      personalization: false,
      ai_processing: false,
      marketing: false,
    },
    policyVersion: 'damaged',
    noticeHash: '',
    source: 'import',
    actor: 'damaged entry',
    gpc: false,
    prevHash: String(item.prevHash ?? ''),
    hash: `damaged:${String(item.hash ?? '')}`,
  };
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
  if (!last) return undefined;
  const parsed = consentEntrySchema.safeParse(last);
  if (parsed.success) return parsed.data;
  // Someone edited the latest entry in the table: consent falls back to denying every opt-in purpose (damaged()),
  // and new entries still chain on (to the stored hash), so verification reports the damage.
  return { ...damaged(last), hash: String(last.hash ?? '') };
}
