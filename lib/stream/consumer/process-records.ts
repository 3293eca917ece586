import { deadLetterId, markProcessed, putDeadLetter, wasProcessed } from './delivery-log';
import { wants, type Decoder, type DeliverableEvent, type EventHandler } from './handler';
import type { StreamRecord } from './shard-reader';

export interface ProcessOptions<E extends DeliverableEvent> {
  shardId: string;
  handlers: readonly EventHandler<E>[];
  decode: Decoder<E>;
  maxAttempts: number;
  retryDelayMs: number;
  /** Checked between records: a consumer that lost its lease or was stopped does not go on. */
  shouldContinue: () => boolean;
}

export interface ProcessResult {
  delivered: number;
  skipped: number;
  deadLettered: number;
  /** False when processing stopped early (lease lost, consumer stopped): the batch must not be checkpointed. */
  complete: boolean;
}

const DECODE_HANDLER = '(decode)';

/**
 * Delivers records in order to every handler that wants their type, at least once: a handler's success is marked
 * in `processed_events` (eventId + handler) so redeliveries skip it; a handler failing `maxAttempts` times leaves a
 * dead letter and delivery moves on, so one poison record cannot stall the shard.
 */
export async function processRecords<E extends DeliverableEvent>(
  records: readonly StreamRecord[],
  o: ProcessOptions<E>,
): Promise<ProcessResult> {
  const result: ProcessResult = { delivered: 0, skipped: 0, deadLettered: 0, complete: true };
  for (const record of records) {
    if (!o.shouldContinue()) return { ...result, complete: false };
    const decoded = o.decode(record.data);
    if (!decoded.ok) {
      await putDeadLetter({
        deadLetterId: deadLetterId(DECODE_HANDLER, o.shardId, record.sequenceNumber),
        handler: DECODE_HANDLER,
        eventId: '',
        failedAt: new Date().toISOString(),
        attempts: 1,
        error: decoded.error,
        shardId: o.shardId,
        sequenceNumber: record.sequenceNumber,
        data: Buffer.from(record.data).toString('base64'),
      });
      result.deadLettered++;
      continue;
    }
    const event = decoded.event;
    for (const handler of o.handlers) {
      if (!wants(handler as EventHandler<DeliverableEvent>, event.type)) continue;
      if (await wasProcessed(event.eventId, handler.name)) {
        result.skipped++;
        continue;
      }
      let lastError = '';
      let done = false;
      for (let attempt = 1; attempt <= o.maxAttempts && !done; attempt++) {
        try {
          await handler.handle(event);
          done = true;
        } catch (error) {
          lastError = `${(error as Error).name}: ${(error as Error).message}`;
          if (attempt < o.maxAttempts) await new Promise((r) => setTimeout(r, o.retryDelayMs * attempt));
        }
        if (!o.shouldContinue()) return { ...result, complete: false };
      }
      if (done) {
        await markProcessed(event.eventId, handler.name);
        result.delivered++;
      } else {
        await putDeadLetter({
          deadLetterId: deadLetterId(handler.name, o.shardId, record.sequenceNumber),
          handler: handler.name,
          eventId: event.eventId,
          failedAt: new Date().toISOString(),
          attempts: o.maxAttempts,
          error: lastError.slice(0, 2000),
          shardId: o.shardId,
          sequenceNumber: record.sequenceNumber,
          data: Buffer.from(record.data).toString('base64'),
        });
        result.deadLettered++;
      }
    }
  }
  return result;
}
