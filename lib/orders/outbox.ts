import { batchDelete } from '../db/batch';
import { getItem, putItem, scanItems } from '../db/items';
import type { Order, Refund } from './order';

/**
 * The outbox row is the intent log of an order (or of a refund, below): written first and conditionally, it holds
 * the order and its purchase event, so whatever step a crash interrupts (storing the order, publishing) can be
 * finished later by the sweeper from this row alone. No multi-item transaction is needed (dynalite has none). Once its event is
 * published the row is deleted (in batches), so the table holds only work still to do; idempotency outlives the
 * row through the order's own fingerprint.
 */
export interface OutboxRow {
  /** Rows written before refunds existed have no kind: they are purchases. */
  kind?: 'purchase';
  eventId: string;
  createdAt: string;
  orderId: string;
  fingerprint: string;
  order: Order;
  /** The event as JSON, published byte for byte the same on every attempt. */
  event: string;
  /** Rows written before rows were deleted on publishing carry a status; 'published' ones are done. */
  status?: 'pending' | 'published';
}

/**
 * A refund's intent: the refund as asked, to be stored on its order (conditionally, within what is left) and then
 * published as `order_refunded`. The event is built from the stored order, not kept here: the order's refunds so
 * far are only known once this one is on it.
 */
export interface RefundOutboxRow {
  kind: 'refund';
  eventId: string;
  createdAt: string;
  orderId: string;
  /** The order's customer (erasure finds the row by it). */
  customerId: string;
  fingerprint: string;
  refund: Refund;
}

export type AnyOutboxRow = OutboxRow | RefundOutboxRow;

/**
 * Writes the row unless one exists for this event; returns the existing row when it does (of the same kind: the
 * event id is derived from the kind's own key).
 */
export async function putOutboxRow<R extends AnyOutboxRow>(row: R): Promise<R | undefined> {
  try {
    await putItem('outbox', { ...row }, { condition: 'attribute_not_exists(eventId)' });
    return undefined;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    return (await getOutboxRow(row.eventId)) as R | undefined;
  }
}

/** The row of an event still to publish, if any. */
export async function getOutboxRow(eventId: string): Promise<AnyOutboxRow | undefined> {
  return (await getItem('outbox', { eventId }, { consistent: true })) as AnyOutboxRow | undefined;
}

// Rows of published events are deleted together: one BatchWriteItem per CLOSE_BATCH events or CLOSE_LINGER_MS.
// A crash before the delete only makes the sweeper publish those events again, which consumers dedupe.
const CLOSE_BATCH = 25;
const CLOSE_LINGER_MS = 20;
interface Closing {
  ids: string[];
  done: Promise<void>;
  release: () => void;
  timer?: NodeJS.Timeout;
}
let closing: Closing | undefined;

async function flush(batch: Closing): Promise<void> {
  if (closing === batch) closing = undefined;
  clearTimeout(batch.timer);
  try {
    await batchDelete(
      'outbox',
      batch.ids.map((eventId) => ({ eventId })),
    );
  } catch (error) {
    console.error(
      `[outbox] closing ${batch.ids.length} rows failed, the sweeper retries: ${(error as Error).message}`,
    );
  } finally {
    batch.release();
  }
}

/**
 * Closes the row of a published event. Resolves once the row is deleted (or its delete failed, which only means
 * the sweeper publishes it again); never rejects.
 */
export function closeOutboxRow(eventId: string): Promise<void> {
  if (!closing) {
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const batch: Closing = { ids: [], done, release };
    batch.timer = setTimeout(() => void flush(batch), CLOSE_LINGER_MS);
    batch.timer.unref?.();
    closing = batch;
  }
  const batch = closing;
  batch.ids.push(eventId);
  if (batch.ids.length >= CLOSE_BATCH) void flush(batch);
  return batch.done;
}

/** Rows still to publish, created before `before` (ISO), oldest first (at most `limit`). */
export async function listPendingOutbox(before: string, limit = 500): Promise<AnyOutboxRow[]> {
  const rows = (await scanItems('outbox', {
    expression: 'createdAt < :before AND (attribute_not_exists(#status) OR #status = :pending)',
    names: { '#status': 'status' }, // a reserved word
    values: { ':before': before, ':pending': 'pending' },
  })) as unknown as AnyOutboxRow[];
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, limit);
}
