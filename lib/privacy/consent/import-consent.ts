import { forEachLimit } from '../../for-each-limit';
import { appendConsent } from './append-consent';
import { defaultConsent } from './consent-defaults';
import type { ConsentChanges, ConsentEntry } from './consent-entry';
import { withConsentLedger } from './has-consent-ledger';
import { putConsentLedgers, type LedgerChoice } from './put-consent-ledgers';
import { latestEntry } from './read-ledger';

/** One imported customer's consent: what the file says they chose (and when), if it says anything. */
export interface ImportedConsent {
  customerId: string;
  /** When the customer was first seen (their first order): a default entry is dated then. */
  since: string;
  choice?: { at: string; changes: ConsentChanges };
}

export interface ImportedConsentResult {
  /** Customers given the configured defaults (no ledger before, no choice in the file). */
  defaults: number;
  /** Ledgers started with the file's choice. */
  choices: number;
  /** Existing ledgers the file's later, different choice was appended to. */
  appended: number;
}

// The notices behind these entries were shown by the source system, not by us: what is hashed says so.
const DEFAULT_NOTICE =
  'No choice known: the consent defaults configured for this store (CONSENT_DEFAULT_GRANTED) applied at import.';
const CHOICE_NOTICE = "The customer's choice as recorded by the system the order history was imported from.";

const differs = (latest: ConsentEntry, changes: ConsentChanges) =>
  Object.entries(changes).some(
    ([purpose, value]) => latest.state[purpose as keyof ConsentEntry['state']] !== value,
  );

/**
 * Records the consent of customers an import brings in, source `import`. A customer without a ledger gets one: the
 * file's choice when it has one, otherwise the configured defaults (CONSENT_DEFAULT_GRANTED), so the ledger says
 * what applies and why. A customer who already has a ledger gets no second default; a choice from the file is
 * appended (chained, published as consent_updated like any change) only when it is later than their latest entry
 * and changes something, so importing the same file again records nothing and an older file never overrides a
 * newer choice.
 */
export async function importConsent(
  customers: readonly ImportedConsent[],
  actor: string,
  concurrency = 8,
): Promise<ImportedConsentResult> {
  const result: ImportedConsentResult = { defaults: 0, choices: 0, appended: 0 };
  const started: { customerId: string; choices: LedgerChoice[] }[] = [];
  const later: ImportedConsent[] = [];
  const defaults = defaultConsent();
  const withLedger = await withConsentLedger(customers.map((c) => c.customerId));
  // Only a customer with a ledger and a choice in the file needs their latest entry read.
  await forEachLimit(
    customers.filter((c) => withLedger.has(c.customerId) && c.choice),
    concurrency,
    async (customer) => {
      const latest = await latestEntry(customer.customerId);
      if (latest && customer.choice!.at > latest.at && differs(latest, customer.choice!.changes))
        later.push(customer);
    },
  );
  for (const customer of customers) {
    if (withLedger.has(customer.customerId)) continue;
    const choice: LedgerChoice = customer.choice
      ? { ...customer.choice, policyVersion: 'import', notice: CHOICE_NOTICE, gpc: false }
      : {
          at: customer.since,
          changes: {
            analytics: defaults.analytics,
            personalization: defaults.personalization,
            ai_processing: defaults.ai_processing,
            marketing: defaults.marketing,
          },
          policyVersion: 'import-default',
          notice: DEFAULT_NOTICE,
          gpc: false,
        };
    started.push({ customerId: customer.customerId, choices: [choice] });
    if (customer.choice) result.choices++;
    else result.defaults++;
  }
  // History, not news: whole ledgers are written without events, as the seed's are.
  await putConsentLedgers(started, 'import', actor);
  for (const customer of later) {
    await appendConsent({
      customerId: customer.customerId,
      changes: customer.choice!.changes,
      policyVersion: 'import',
      noticeText: CHOICE_NOTICE,
      source: 'import',
      actor: { kind: 'system', id: actor },
      gpc: false,
      at: new Date(customer.choice!.at),
    });
    result.appended++;
  }
  return result;
}
