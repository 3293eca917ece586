/** The minimum every record must decode to for delivery bookkeeping; handlers get the full decoded event. */
export interface DeliverableEvent {
  eventId: string;
  type: string;
}

export interface EventHandler<E extends DeliverableEvent = DeliverableEvent> {
  /** Stable name: idempotency marks and dead letters are kept per handler. */
  name: string;
  /** Event types it wants; '*' for all. */
  types: readonly string[] | '*';
  /**
   * Must be idempotent in its own effects: delivery is at-least-once, and a crash between the effect and the
   * processed mark redelivers the event.
   */
  handle(event: E): Promise<void>;
}

export type Decoder<E extends DeliverableEvent> = (
  data: Uint8Array,
) => { ok: true; event: E } | { ok: false; error: string };

export function wants(handler: EventHandler<DeliverableEvent>, type: string): boolean {
  return handler.types === '*' || handler.types.includes(type);
}
