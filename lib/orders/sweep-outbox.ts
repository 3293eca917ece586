import { closeOutboxRow, listPendingOutbox, type RefundOutboxRow } from './outbox';
import { finishPendingPurchase } from './publish-order-event';
import { publishRefundEvent } from './publish-refund-event';
import { applyRefund } from './store-refund';

export interface SweepResult {
  published: number;
  /**
   * Rows of refused requests, closed without publishing: an order id that belongs to another order, a refund id
   * taken by another refund, a refund no longer within what is left of its order (or of an order that is gone).
   */
  dropped: number;
  failed: number;
}

/** Stores a missing refund on its order and publishes it; false when it cannot be taken (any more). */
async function finishRefund(row: RefundOutboxRow): Promise<boolean> {
  const applied = await applyRefund(row.orderId, row.refund);
  if (applied.outcome !== 'applied') return false;
  await publishRefundEvent(row, applied.order);
  return true;
}

/**
 * Finishes orders and refunds whose request was interrupted: for each outbox row still pending after `graceMs`
 * (long enough for the request itself to publish), store what is missing, publish the event, close the row. Rows
 * go oldest first, so an order's purchase is published before its refunds.
 */
export async function sweepOutbox(graceMs = 10_000, now = Date.now()): Promise<SweepResult> {
  const result: SweepResult = { published: 0, dropped: 0, failed: 0 };
  for (const row of await listPendingOutbox(new Date(now - graceMs).toISOString())) {
    try {
      const done = row.kind === 'refund' ? await finishRefund(row) : await finishPendingPurchase(row);
      if (done) result.published++;
      else {
        await closeOutboxRow(row.eventId);
        result.dropped++;
      }
    } catch (error) {
      result.failed++;
      console.error(`[outbox] ${row.eventId}: ${(error as Error).message}; retried on the next sweep`);
    }
  }
  return result;
}
