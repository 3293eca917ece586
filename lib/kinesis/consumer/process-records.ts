import {
  deadLetterId,
  markProcessedMany,
  processedAmong,
  putDeadLetter,
  type DeadLetter,
} from './delivery-log';
import { wants, type Decoder, type DeliverableEvent, type EventHandler } from './handler';
import type { StreamRecord } from './shard-reader';

export interface ProcessOptions<E extends DeliverableEvent> {
  shardId: string;
  handlers: readonly EventHandler<E>[];
  decode: Decoder<E>;
  maxAttempts: number;
  retryDelayMs: number;
  /** Checked between steps: a consumer that lost its lease or was stopped does not go on. */
  shouldContinue: () => boolean;
  /** Ids of events to drop without handling (counted as skipped). */
  exclude?: (events: readonly E[]) => Promise<Set<string>>;
}

export interface ProcessResult {
  delivered: number;
  skipped: number;
  deadLettered: number;
  /** False when processing stopped early (lease lost, consumer stopped): the batch must not be checkpointed. */
  complete: boolean;
}

const DECODE_HANDLER = '(decode)';

interface Decoded<E> {
  record: StreamRecord;
  event: E;
}

/**
 * Delivers a batch of records, at least once, to every handler that wants their type. Handlers run one after
 * another over the whole batch (in the order given, so a handler sees the effects of those before it), each over the
 * events in stream order. A handler's successes are marked in `processed_events` (eventId + handler) so redeliveries
 * skip them; those marks are read and written per batch, not per event. A handler with `handleBatch` gets the batch
 * in one call; when that fails, or without it, events go one at a time, and one failing `maxAttempts` times is
 * dead-lettered so it cannot stall the shard (and handlers that depend on it skip it too).
 */
export async function processRecords<E extends DeliverableEvent>(
  records: readonly StreamRecord[],
  o: ProcessOptions<E>,
): Promise<ProcessResult> {
  const result: ProcessResult = { delivered: 0, skipped: 0, deadLettered: 0, complete: true };
  const letter = async (
    handler: string,
    record: StreamRecord,
    eventId: string,
    error: string,
    attempts = 1,
  ) => {
    const entry: DeadLetter = {
      deadLetterId: deadLetterId(handler, o.shardId, record.sequenceNumber),
      handler,
      eventId,
      failedAt: new Date().toISOString(),
      attempts,
      error: error.slice(0, 2000),
      shardId: o.shardId,
      sequenceNumber: record.sequenceNumber,
      data: Buffer.from(record.data).toString('base64'),
    };
    await putDeadLetter(entry);
    result.deadLettered++;
  };

  const position = (record: StreamRecord) => ({ shardId: o.shardId, sequenceNumber: record.sequenceNumber });
  const decoded: Decoded<E>[] = [];
  for (const record of records) {
    const outcome = o.decode(record.data);
    if (outcome.ok) decoded.push({ record, event: outcome.event });
    else await letter(DECODE_HANDLER, record, '', outcome.error);
  }

  if (o.exclude && decoded.length) {
    const dropped = await o.exclude(decoded.map((d) => d.event));
    if (dropped.size) {
      const kept = decoded.filter((d) => !dropped.has(d.event.eventId));
      result.skipped += decoded.length - kept.length;
      decoded.splice(0, decoded.length, ...kept);
    }
  }

  // handler name → events it gave up on in this batch (its dependants skip them)
  const gaveUp = new Map<string, Set<string>>();
  for (const handler of o.handlers) {
    if (!o.shouldContinue()) return { ...result, complete: false };
    const failed = new Set<string>();
    gaveUp.set(handler.name, failed);

    // The events it wants, each once (an event published twice can arrive twice in one batch).
    const seen = new Set<string>();
    const wanted: Decoded<E>[] = [];
    for (const d of decoded) {
      if (!wants(handler as EventHandler<DeliverableEvent>, d.event.type)) continue;
      if (seen.has(d.event.eventId)) result.skipped++;
      else {
        seen.add(d.event.eventId);
        wanted.push(d);
      }
    }
    if (!wanted.length) continue;

    const done = await processedAmong(
      wanted.map((d) => d.event.eventId),
      handler.name,
    );
    const todo: Decoded<E>[] = [];
    for (const d of wanted) {
      const blockedBy = handler.after?.find((dependency) => gaveUp.get(dependency)?.has(d.event.eventId));
      if (done.has(d.event.eventId)) result.skipped++;
      else if (blockedBy) {
        failed.add(d.event.eventId);
        await letter(
          handler.name,
          d.record,
          d.event.eventId,
          `not run: ${blockedBy} gave up on this event`,
          0,
        );
      } else todo.push(d);
    }
    if (!todo.length) continue;

    const succeeded: string[] = [];
    let batched = false;
    if (handler.handleBatch && todo.length > 1) {
      try {
        await handler.handleBatch(
          todo.map((d) => d.event),
          todo.map((d) => position(d.record)),
        );
        batched = true;
        succeeded.push(...todo.map((d) => d.event.eventId));
      } catch {
        // one by one below, with retries, so a poison event is found and set aside alone
      }
    }
    let stopped = false;
    if (!batched) {
      for (const d of todo) {
        let lastError = '';
        let ok = false;
        for (let attempt = 1; attempt <= o.maxAttempts && !ok; attempt++) {
          try {
            await handler.handle(d.event, position(d.record));
            ok = true;
          } catch (error) {
            lastError = `${(error as Error).name}: ${(error as Error).message}`;
            if (attempt < o.maxAttempts) await new Promise((r) => setTimeout(r, o.retryDelayMs * attempt));
          }
          if (!o.shouldContinue()) {
            stopped = true;
            break;
          }
        }
        if (ok) succeeded.push(d.event.eventId);
        if (stopped) break;
        if (!ok) {
          failed.add(d.event.eventId);
          await letter(handler.name, d.record, d.event.eventId, lastError, o.maxAttempts);
        }
      }
    }
    // What was done is marked even when stopping, so the redelivery that follows skips it.
    await markProcessedMany(succeeded, handler.name);
    result.delivered += succeeded.length;
    if (stopped) return { ...result, complete: false };
  }
  return result;
}
