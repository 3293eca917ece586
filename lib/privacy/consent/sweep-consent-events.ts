import { queryItems } from '../../db/items';
import { finishConsentEntry } from './append-consent';
import { consentEntrySchema } from './consent-entry';

/**
 * Publishes (and audits) the consent changes a crash or an unreachable stream left behind: entries still marked pending
 * `graceMs` after they were written (the request publishes its own sooner). Consumers dedupe a second publish.
 */
export async function sweepConsentEvents(graceMs = 10_000, now = Date.now()): Promise<number> {
  const pending = await queryItems('consent', {
    index: 'by_pending',
    keyCondition: 'pendingPublish = :p AND #at < :before',
    names: { '#at': 'at' },
    values: { ':p': 'consent', ':before': new Date(now - graceMs).toISOString() },
    limit: 500,
  });
  let published = 0;
  for (const item of pending) {
    try {
      await finishConsentEntry(consentEntrySchema.parse(item));
      published++;
    } catch (error) {
      console.error(`[consent] ${String(item.customerId)}#${String(item.seq)}: ${(error as Error).message}`);
    }
  }
  return published;
}
