/** The minimum every record must decode to for delivery bookkeeping; handlers get the full decoded event. */
export interface DeliverableEvent {
  eventId: string;
  type: string;
}

/**
 * Where an event sits on the stream. Within a shard sequence numbers only grow and one consumer at a time reads it,
 * so a handler can make its effect exactly-once by recording the last position it applied (see
 * lib/live/event-minutes.ts).
 */
export interface RecordPosition {
  shardId: string;
  sequenceNumber: string;
  /** A dead letter run again: later positions may already have been applied, this one was not. */
  replay?: boolean;
}

/**
 * A sequence number as text that compares like the number (they are decimal strings of varying length), for
 * "the last position applied" kept on a row and compared in a condition.
 */
export const comparablePosition = (sequenceNumber: string) => sequenceNumber.padStart(64, '0');

export interface EventHandler<E extends DeliverableEvent = DeliverableEvent> {
  /** Stable name: idempotency marks and dead letters are kept per handler. */
  name: string;
  /** Event types it wants; '*' for all. */
  types: readonly string[] | '*';
  /**
   * Must be idempotent in its own effects: delivery is at-least-once, and a crash between the effect and the
   * processed mark redelivers the event.
   */
  handle(event: E, position: RecordPosition): Promise<void>;
  /**
   * Optional: the effects of `handle` for several events (in stream order) at once, with fewer store calls. When it
   * fails, the framework falls back to `handle` one event at a time, so a poison event is retried and dead-lettered
   * alone; so it must be idempotent as a whole, like `handle`.
   */
  handleBatch?(events: readonly E[], positions: readonly RecordPosition[]): Promise<void>;
  /**
   * Earlier handlers whose effects this one reads. When one of them gives up on an event, this one is not run for it
   * either: it is dead-lettered beside it, and a replay runs it only once they have succeeded.
   */
  after?: readonly string[];
}

export type Decoder<E extends DeliverableEvent> = (
  data: Uint8Array,
) => { ok: true; event: E } | { ok: false; error: string };

export function wants(handler: EventHandler<DeliverableEvent>, type: string): boolean {
  return handler.types === '*' || handler.types.includes(type);
}
