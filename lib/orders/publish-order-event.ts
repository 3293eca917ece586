import { parseEvent } from '../events';
import { publishEvent } from '../kinesis/producer';
import { closeOutboxRow, type OutboxRow } from './outbox';

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
