import { getItem, putItem, queryItems, updateItem } from '../db/items';
import type { Order } from './order';

/**
 * The outbox row is the intent log of an order: written first and conditionally, it holds the order and its
 * purchase event, so whatever step a crash interrupts (storing the order, publishing) can be finished later by the
 * sweeper from this row alone. No multi-item transaction is needed (dynalite has none).
 */
export interface OutboxRow {
  eventId: string;
  status: 'pending' | 'published';
  createdAt: string;
  orderId: string;
  fingerprint: string;
  order: Order;
  /** The event as JSON, published byte for byte the same on every attempt. */
  event: string;
  publishedAt?: string;
}

const NAMES = { '#status': 'status' }; // reserved word
// Published rows are kept a week for audit, then expire (real DynamoDB TTL; the retention sweep elsewhere).
const PUBLISHED_TTL_SECONDS = 7 * 24 * 3600;

/** Writes the row unless one exists for this event; returns the existing row when it does. */
export async function putOutboxRow(row: OutboxRow): Promise<OutboxRow | undefined> {
  try {
    await putItem('outbox', { ...row }, { condition: 'attribute_not_exists(eventId)' });
    return undefined;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    return (await getItem('outbox', { eventId: row.eventId }, { consistent: true })) as OutboxRow | undefined;
  }
}

export async function markOutboxPublished(eventId: string): Promise<void> {
  await updateItem('outbox', { eventId }, 'SET #status = :published, publishedAt = :now, expiresAt = :exp', {
    names: NAMES,
    values: {
      ':published': 'published',
      ':now': new Date().toISOString(),
      ':exp': Math.floor(Date.now() / 1000) + PUBLISHED_TTL_SECONDS,
    },
  });
}

/** Pending rows created before `before` (ISO), oldest first. */
export async function listPendingOutbox(before: string, limit = 500): Promise<OutboxRow[]> {
  return (await queryItems('outbox', {
    index: 'by_status',
    keyCondition: '#status = :pending AND createdAt < :before',
    names: NAMES,
    values: { ':pending': 'pending', ':before': before },
    limit,
  })) as unknown as OutboxRow[];
}
