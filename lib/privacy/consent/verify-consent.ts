import { scanItems } from '../../db/items';
import { findBrokenLink } from '../hash-chain';
import { consentBody, consentEntrySchema, consentGenesis, type ConsentEntry } from './consent-entry';
import { readLedger } from './read-ledger';

export interface BrokenConsentLink {
  customerId: string;
  seq: string;
  reason: string;
}

function check(customerId: string, entries: ConsentEntry[]): BrokenConsentLink | null {
  const sorted = [...entries].sort((a, b) => a.seq.localeCompare(b.seq));
  const link = findBrokenLink(sorted, consentGenesis(customerId), consentBody);
  return link ? { customerId, seq: (sorted[link.index] as ConsentEntry).seq, reason: link.reason } : null;
}

/** One customer's ledger: the first entry that was edited, removed or inserted, or null when it holds. */
export async function verifyCustomerConsent(customerId: string): Promise<BrokenConsentLink | null> {
  return check(customerId, await readLedger(customerId));
}

export interface ConsentVerification {
  customers: number;
  entries: number;
  broken: BrokenConsentLink[];
}

/** Every customer's ledger (a scan of the table): the first broken link of each ledger that does not hold. */
export async function verifyAllConsent(): Promise<ConsentVerification> {
  const byCustomer = new Map<string, ConsentEntry[]>();
  const broken: BrokenConsentLink[] = [];
  let entries = 0;
  for (const item of await scanItems('consent')) {
    entries++;
    const parsed = consentEntrySchema.safeParse(item);
    if (!parsed.success) {
      broken.push({
        customerId: String(item.customerId),
        seq: String(item.seq),
        reason: 'not a consent entry',
      });
      continue;
    }
    const list = byCustomer.get(parsed.data.customerId) ?? [];
    list.push(parsed.data);
    byCustomer.set(parsed.data.customerId, list);
  }
  for (const [customerId, list] of byCustomer) {
    const link = check(customerId, list);
    if (link) broken.push(link);
  }
  return {
    customers: byCustomer.size,
    entries,
    broken: broken.sort((a, b) => a.customerId.localeCompare(b.customerId)),
  };
}
