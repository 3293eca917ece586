import { parseEvent } from '../events';
import { publishEvent } from '../kinesis/producer';
import { closeOutboxRow, type OutboxRow } from './outbox';
import { ensureOrderStored } from './store-order';

/**
 * Step 4: publish the purchase event stored in the outbox row, then close (delete) the row. If the process dies
 * between the two, the sweeper publishes again; consumers dedupe on the event id, derived from the order id.
 */
export async function publishOrderEvent(row: OutboxRow): Promise<void> {
  const parsed = parseEvent(JSON.parse(row.event));
  if (!parsed.ok)
    throw new Error(`Outbox row ${row.eventId} holds an invalid event: ${parsed.errors[0]?.message}`);
  await publishEvent(parsed.event);
  await closeOutboxRow(row.eventId);
}

/**
 * Finishes an interrupted order from its row: stores the order if it is missing, then publishes. False (nothing
 * published) when the row belongs to a refused request: its order id was taken by another order.
 */
export async function finishPendingPurchase(row: OutboxRow): Promise<boolean> {
  const stored = await ensureOrderStored(row.order, row.fingerprint);
  if (stored.existed && stored.fingerprint !== row.fingerprint) return false;
  await publishOrderEvent(row);
  return true;
}
