import { defaultConsent } from './consent-defaults';
import type { ConsentState } from './consent-entry';
import { consentChangeRef, watchConsentChanges } from './consent-changes';
import { latestEntry } from './read-ledger';

export interface CurrentConsent {
  customerId: string;
  state: ConsentState;
  /** When the latest entry was recorded; absent when the customer has none (defaults apply). */
  updatedAt?: string;
  seq?: string;
  policyVersion?: string;
}

// Every process answers from a cache. A change made here is seen at once (forgetConsent); one made in another
// process within about a second, through the change log (consent-changes.ts) this process polls. While that poll
// fails, entries are trusted for SHORT_CACHE_MS only, well inside the 5 seconds a withdrawal may take to apply
// everywhere; LONG_CACHE_MS bounds how long an entry lives even when the log is heard.
export const CONSENT_CACHE_MS = 2_000;
const SHORT_CACHE_MS = CONSENT_CACHE_MS;
const LONG_CACHE_MS = 60_000;
const MAX_CACHED = 50_000;
const cache = new Map<string, { at: number; ref: string; value: Promise<CurrentConsent> }>();
/** Change-log reference → customer id, for the customers this process has looked up. */
const idByRef = new Map<string, string>();
let changes: { healthy(): boolean } | undefined;

function dropChanged(refs: Set<string>, gap: boolean): void {
  if (gap) return cache.clear();
  // The log names few customers; the cache may hold tens of thousands: look them up, do not scan.
  for (const ref of refs) {
    const id = idByRef.get(ref);
    if (id !== undefined) cache.delete(id);
  }
}

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
  changes ??= watchConsentChanges(dropChanged);
  const now = Date.now();
  const known = cache.get(customerId);
  const maxAge = changes.healthy() ? LONG_CACHE_MS : SHORT_CACHE_MS;
  if (known && now - known.at < maxAge) return known.value;
  const value = load(customerId);
  if (cache.size >= MAX_CACHED || idByRef.size >= 2 * MAX_CACHED) {
    cache.clear();
    idByRef.clear();
  }
  const ref = known?.ref ?? consentChangeRef(customerId);
  idByRef.set(ref, customerId);
  cache.set(customerId, { at: now, ref, value });
  value.catch(() => cache.delete(customerId));
  return value;
}

/** Drops a customer's cached consent (after a change in this process, or when a consent_updated event arrives). */
export function forgetConsent(customerId?: string): void {
  if (customerId === undefined) cache.clear();
  else cache.delete(customerId);
}
