import { scanItems } from '../../db/items';
import { defaultConsent } from './consent-defaults';
import { consentEntrySchema, type ConsentState } from './consent-entry';

/**
 * Every customer's current consent in one scan of the ledger (the nightly jobs: one read instead of one per
 * customer). Customers without entries are absent; `stateOf` gives them the defaults.
 */
export async function allConsentStates(): Promise<{ stateOf: (customerId: string) => ConsentState }> {
  const latest = new Map<string, { seq: string; state: ConsentState }>();
  for (const item of await scanItems('consent')) {
    const entry = consentEntrySchema.safeParse(item);
    if (!entry.success) continue;
    const known = latest.get(entry.data.customerId);
    if (!known || known.seq < entry.data.seq)
      latest.set(entry.data.customerId, { seq: entry.data.seq, state: entry.data.state });
  }
  const defaults = defaultConsent();
  return { stateOf: (customerId) => ({ ...(latest.get(customerId)?.state ?? defaults), essential: true }) };
}
