import { batchPut } from '../../db/batch';
import { buildEntry, sha256Hex } from './build-entry';
import type { ConsentChanges, ConsentEntry, ConsentSource } from './consent-entry';

export interface LedgerChoice {
  at: string;
  changes: ConsentChanges;
  policyVersion: string;
  notice: string;
  gpc: boolean;
}

/** Chains one customer's choices (oldest first) into ledger entries, as appendConsent would have written them. */
export function chainLedger(
  customerId: string,
  choices: readonly LedgerChoice[],
  source: ConsentSource,
  actor: string,
): ConsentEntry[] {
  const entries: ConsentEntry[] = [];
  for (const choice of choices) {
    entries.push(
      buildEntry(customerId, entries.at(-1), {
        at: choice.at,
        changes: choice.changes,
        policyVersion: choice.policyVersion,
        noticeHash: sha256Hex(choice.notice),
        source,
        actor,
        gpc: choice.gpc,
      }),
    );
  }
  return entries;
}

/**
 * Bulk-loads whole ledgers (seed, imports) for customers who have none yet. No events are published: like the
 * seeded orders, this is history, not news. Re-running writes the same entries (puts are idempotent by key).
 */
export async function putConsentLedgers(
  ledgers: readonly { customerId: string; choices: readonly LedgerChoice[] }[],
  source: ConsentSource,
  actor: string,
): Promise<number> {
  const entries = ledgers.flatMap((l) => chainLedger(l.customerId, l.choices, source, actor));
  await batchPut('consent', entries as unknown as Record<string, unknown>[]);
  return entries.length;
}
