import { updateItem } from '../../db/items';
import type { Purpose } from '../../events/purposes';
import { getConsent } from './get-consent';

/**
 * THE one answer to "may purpose P be used for customer C now?" Ingestion, analysis, model calls, alerts, the live
 * feed and segmentation all ask it. `essential` is always allowed; the others follow the customer's latest consent
 * entry (or the configured defaults), seen by every process within a few seconds of a change.
 */
export async function mayUse(customerId: string, purpose: Purpose): Promise<boolean> {
  if (purpose === 'essential') return true;
  return (await getConsent(customerId)).state[purpose];
}

/** The customers among `customerIds` that allow `purpose` (each looked up once). */
export async function allowing(customerIds: readonly string[], purpose: Purpose): Promise<Set<string>> {
  const unique = [...new Set(customerIds)];
  const answers = await Promise.all(unique.map(async (id) => [id, await mayUse(id, purpose)] as const));
  return new Set(answers.filter(([, ok]) => ok).map(([id]) => id));
}

/** How consent shaped processing: records refused outright, and records used with the customer's data removed. */
export type EnforcementOutcome = 'rejected' | 'stripped';

// Counted in memory and added to `consent_aggregates` every few seconds: one write per purpose and outcome, not one
// per record. A crash loses at most that interval of counts (they are a report, not a ledger).
const FLUSH_MS = 5_000;
const pending = new Map<string, number>();
let timer: NodeJS.Timeout | undefined;

export function countEnforcement(purpose: Purpose, outcome: EnforcementOutcome, n = 1): void {
  if (n <= 0) return;
  const key = `${purpose}:${outcome}`;
  pending.set(key, (pending.get(key) ?? 0) + n);
  if (!timer) {
    timer = setTimeout(() => void flushEnforcementCounts(), FLUSH_MS);
    timer.unref?.();
  }
}

export const ENFORCEMENT_METRIC = 'consent:enforcement';

export async function flushEnforcementCounts(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const counts = [...pending];
  pending.clear();
  for (const [bucket, n] of counts) {
    try {
      await updateItem('consent_aggregates', { metric: ENFORCEMENT_METRIC, bucket }, 'ADD #n :n', {
        names: { '#n': 'count' }, // a reserved word
        values: { ':n': n },
      });
    } catch (error) {
      pending.set(bucket, (pending.get(bucket) ?? 0) + n); // next flush
      console.error(`[consent] counting ${bucket}: ${(error as Error).message}`);
    }
  }
}
