import { queryItems, updateItem } from '../../db/items';
import { keyedRef } from '../pseudonym';

/**
 * A short log of whose consent changed when, so every process can keep consent cached for long and still drop a
 * customer's cached answer within about a second of a change made anywhere. One `consent_aggregates` item per second
 * (`consent:changed` / ISO second) holds keyed references of the customers changed in it (not their ids), and
 * expires after an hour. Each process reads the last WINDOW_MS of it every POLL_MS: reading a window, not "since
 * last time", means an entry that lands a little after its mark (the mark is written first) is still caught.
 */
const CONSENT_CHANGES_METRIC = 'consent:changed';
const POLL_MS = 1_000;
const WINDOW_MS = 15_000;
const KEEP_SECONDS = 3_600;

export const consentChangeRef = (customerId: string) => keyedRef('consent-change', customerId);

/** Marks a customer's consent as changed now; written before the change itself, so no reader can miss it. */
export async function noteConsentChange(customerId: string, now = new Date()): Promise<void> {
  await updateItem(
    'consent_aggregates',
    { metric: CONSENT_CHANGES_METRIC, bucket: now.toISOString().slice(0, 19) },
    'ADD refs :r SET expiresAt = :e',
    {
      values: {
        ':r': new Set([consentChangeRef(customerId)]),
        ':e': Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
      },
    },
  );
}

/** The references of customers whose consent changed in the last WINDOW_MS. */
export async function recentConsentChanges(now = new Date()): Promise<Set<string>> {
  const items = await queryItems('consent_aggregates', {
    keyCondition: 'metric = :m AND #b >= :since',
    names: { '#b': 'bucket' }, // a reserved word
    values: {
      ':m': CONSENT_CHANGES_METRIC,
      ':since': new Date(now.getTime() - WINDOW_MS).toISOString().slice(0, 19),
    },
  });
  const refs = new Set<string>();
  for (const item of items) for (const ref of (item.refs as Set<string> | undefined) ?? []) refs.add(ref);
  return refs;
}

/**
 * Polls the change log every POLL_MS for as long as the process runs (unref'd), calling `onChanged` with the
 * references seen. `healthy()` says whether the last poll succeeded within a few intervals: a cache must not trust
 * its long-lived entries while it cannot hear about changes.
 */
export function watchConsentChanges(onChanged: (refs: Set<string>, gap: boolean) => void): {
  healthy(): boolean;
} {
  let lastOk = 0;
  let askedOk = 0;
  let running = false;
  const poll = async () => {
    if (running) return;
    running = true;
    const asked = Date.now();
    try {
      const refs = await recentConsentChanges(new Date(asked));
      // The window reaches back WINDOW_MS from when this read was asked: if the last good read was asked longer ago
      // than that (failed polls, a slow read), marks may have fallen between them — everything cached is suspect.
      onChanged(refs, askedOk > 0 && asked - WINDOW_MS > askedOk);
      askedOk = asked;
      lastOk = Date.now();
    } catch (error) {
      console.error(`[consent] reading recent consent changes: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  void poll();
  setInterval(() => void poll(), POLL_MS).unref?.();
  return { healthy: () => Date.now() - lastOk < 3 * POLL_MS };
}
