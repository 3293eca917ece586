import { closeOutboxRow, listPendingOutbox } from './outbox';
import { publishOrderEvent } from './publish-order-event';
import { ensureOrderStored } from './store-order';

export interface SweepResult {
  published: number;
  /** Rows of refused requests (the order id belongs to another order): closed without publishing. */
  dropped: number;
  failed: number;
}

/**
 * Finishes orders whose request was interrupted: for each outbox row still pending after `graceMs` (long enough
 * for the request itself to publish), store the order if it is missing, publish the event, close the row.
 */
export async function sweepOutbox(graceMs = 10_000, now = Date.now()): Promise<SweepResult> {
  const result: SweepResult = { published: 0, dropped: 0, failed: 0 };
  for (const row of await listPendingOutbox(new Date(now - graceMs).toISOString())) {
    try {
      const stored = await ensureOrderStored(row.order, row.fingerprint);
      if (stored.existed && stored.fingerprint !== row.fingerprint) {
        // A request refused with 409 (its order id was taken) that died before closing its row.
        await closeOutboxRow(row.eventId);
        result.dropped++;
        continue;
      }
      await publishOrderEvent(row);
      result.published++;
    } catch (error) {
      result.failed++;
      console.error(`[outbox] ${row.eventId}: ${(error as Error).message}; retried on the next sweep`);
    }
  }
  return result;
}
