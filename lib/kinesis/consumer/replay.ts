import {
  listDeadLetters,
  markProcessed,
  putDeadLetter,
  removeDeadLetter,
  wasProcessed,
} from './delivery-log';
import type { Decoder, DeliverableEvent, EventHandler } from './handler';

export interface ReplayResult {
  replayed: number;
  /** Letters whose event a later redelivery handled after all: removed without running the handler again. */
  alreadyHandled: number;
  failed: { deadLetterId: string; handler: string; error: string }[];
  unknownHandler: number;
  /** Letters about events that must not be handled any more (an erased customer's): removed unreplayed. */
  dropped: number;
}

/**
 * Runs dead letters through their handler again (after the bug or the data was fixed). A success marks the event
 * processed and removes the letter; a failure keeps it with the new error and one more attempt counted.
 */
export async function replayDeadLetters<E extends DeliverableEvent>(options: {
  handlers: readonly EventHandler<E>[];
  decode: Decoder<E>;
  handler?: string;
  /** Events to drop instead of replaying (e.g. about erased customers): their letters are removed. */
  exclude?: (events: readonly E[]) => Promise<Set<string>>;
}): Promise<ReplayResult> {
  const result: ReplayResult = { replayed: 0, alreadyHandled: 0, failed: [], unknownHandler: 0, dropped: 0 };
  for (const letter of await listDeadLetters(options.handler)) {
    const handler = options.handlers.find((h) => h.name === letter.handler);
    if (!handler) {
      result.unknownHandler++;
      continue;
    }
    if (letter.eventId && (await wasProcessed(letter.eventId, handler.name))) {
      await removeDeadLetter(letter.deadLetterId);
      result.alreadyHandled++;
      continue;
    }
    const decoded = options.decode(Buffer.from(letter.data, 'base64'));
    if (decoded.ok && (await options.exclude?.([decoded.event]))?.has(decoded.event.eventId)) {
      await removeDeadLetter(letter.deadLetterId);
      result.dropped++;
      continue;
    }
    try {
      if (!decoded.ok) throw new Error(decoded.error);
      // (letters are replayed oldest first, so a dependency's own letter has had its turn in this run)
      for (const dependency of handler.after ?? []) {
        if (!(await wasProcessed(decoded.event.eventId, dependency)))
          throw new Error(`not run: ${dependency} has not handled this event yet`);
      }
      await handler.handle(decoded.event, {
        shardId: letter.shardId,
        sequenceNumber: letter.sequenceNumber,
        replay: true,
      });
      await markProcessed(decoded.event.eventId, handler.name);
      await removeDeadLetter(letter.deadLetterId);
      result.replayed++;
    } catch (error) {
      const message = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 2000);
      await putDeadLetter({
        ...letter,
        attempts: letter.attempts + 1,
        error: message,
        failedAt: new Date().toISOString(),
      });
      result.failed.push({ deadLetterId: letter.deadLetterId, handler: letter.handler, error: message });
    }
  }
  return result;
}
