import { createHash } from 'node:crypto';
import { batchGet, batchPut } from '../../db/batch';
import { deleteItem, getItem, putItem, queryItems, scanItems } from '../../db/items';

// Marks outlive any redelivery (Kinesis keeps records 24 h by default, up to 365 days when extended).
const MARK_TTL_SECONDS = 8 * 24 * 3600;

export async function wasProcessed(eventId: string, handler: string): Promise<boolean> {
  return (await getItem('processed_events', { eventId, handler }, { consistent: true })) !== undefined;
}

export async function markProcessed(eventId: string, handler: string): Promise<void> {
  await putItem('processed_events', {
    eventId,
    handler,
    processedAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + MARK_TTL_SECONDS,
  });
}

/** Which of `eventIds` the handler has completed (one read per 100 events). */
export async function processedAmong(eventIds: readonly string[], handler: string): Promise<Set<string>> {
  if (!eventIds.length) return new Set();
  const found = await batchGet(
    'processed_events',
    eventIds.map((eventId) => ({ eventId, handler })),
    { consistent: true },
  );
  return new Set(found.map((item) => String(item.eventId)));
}

/** Marks many events completed by the handler (one write per 25). */
export async function markProcessedMany(eventIds: readonly string[], handler: string): Promise<void> {
  if (!eventIds.length) return;
  const processedAt = new Date().toISOString();
  const expiresAt = Math.floor(Date.now() / 1000) + MARK_TTL_SECONDS;
  await batchPut(
    'processed_events',
    eventIds.map((eventId) => ({ eventId, handler, processedAt, expiresAt })),
  );
}

export interface DeadLetter {
  deadLetterId: string;
  handler: string;
  eventId: string;
  failedAt: string;
  attempts: number;
  error: string;
  shardId: string;
  sequenceNumber: string;
  /** The record as it arrived (base64), so a replay sees exactly what the handler saw. */
  data: string;
}

/** One dead letter per record and handler: a record failing again after a replay updates the same entry. */
export function deadLetterId(handler: string, shardId: string, sequenceNumber: string): string {
  return createHash('sha256').update(`${handler}\n${shardId}\n${sequenceNumber}`).digest('hex').slice(0, 32);
}

export async function putDeadLetter(letter: DeadLetter): Promise<void> {
  await putItem('dead_letters', { ...letter });
}

export async function listDeadLetters(handler?: string): Promise<DeadLetter[]> {
  const items = handler
    ? await queryItems('dead_letters', {
        index: 'by_handler',
        keyCondition: '#handler = :h',
        names: { '#handler': 'handler' }, // a reserved word
        values: { ':h': handler },
      })
    : await scanItems('dead_letters');
  return (items as unknown as DeadLetter[]).sort((a, b) => a.failedAt.localeCompare(b.failedAt));
}

export async function removeDeadLetter(id: string): Promise<void> {
  await deleteItem('dead_letters', { deadLetterId: id });
}
