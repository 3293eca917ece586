import { defaultConsent } from './consent-defaults';
import type { ConsentState } from './consent-entry';
import { latestEntry } from './read-ledger';

export interface CurrentConsent {
  customerId: string;
  state: ConsentState;
  /** When the latest entry was recorded; absent when the customer has none (defaults apply). */
  updatedAt?: string;
  seq?: string;
  policyVersion?: string;
}

// Every process answers from a short-lived cache: a change made here is seen at once (forgetConsent), one made in
// another process within CACHE_MS, well inside the 5 seconds a withdrawal may take to apply everywhere.
export const CONSENT_CACHE_MS = 2_000;
const MAX_CACHED = 50_000;
const cache = new Map<string, { at: number; value: Promise<CurrentConsent> }>();

async function load(customerId: string): Promise<CurrentConsent> {
  const last = await latestEntry(customerId);
  if (!last) return { customerId, state: defaultConsent() };
  return {
    customerId,
    state: { ...last.state, essential: true },
    updatedAt: last.at,
    seq: last.seq,
    policyVersion: last.policyVersion,
  };
}

/** The customer's consent now: their latest ledger entry, or the configured defaults. */
export function getConsent(customerId: string): Promise<CurrentConsent> {
  const now = Date.now();
  const known = cache.get(customerId);
  if (known && now - known.at < CONSENT_CACHE_MS) return known.value;
  const value = load(customerId);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(customerId, { at: now, value });
  value.catch(() => cache.delete(customerId));
  return value;
}

/** Drops a customer's cached consent (after a change in this process, or when a consent_updated event arrives). */
export function forgetConsent(customerId?: string): void {
  if (customerId === undefined) cache.clear();
  else cache.delete(customerId);
}
