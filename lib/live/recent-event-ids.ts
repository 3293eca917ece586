/**
 * The storefront's own event ids seen by this process in the last WINDOW_MS (at most MAX_IDS of them), so a retried
 * batch is answered `duplicate` for what was already stored instead of being published twice: the minute counts
 * and sessions count stream records, and a second record of one event would be a second event to them.
 *
 * An id is reserved while its batch is being published and kept only once Kinesis stored it. A retry arriving while
 * the first is still in flight waits for it: a duplicate if it was stored, its own publish if it failed. The memory
 * is per process and ends with it: a retry that reaches another web process, or comes after a restart or the
 * window, is published again.
 */
const WINDOW_MS = 10 * 60_000;
const MAX_IDS = 500_000;

export type Reservation = 'new' | 'stored' | Promise<boolean>;

export class RecentEventIds {
  private readonly stored = new Map<string, number>();
  private readonly pending = new Map<string, { done: Promise<boolean>; settle: (stored: boolean) => void }>();

  constructor(
    private readonly windowMs = WINDOW_MS,
    private readonly maxIds = MAX_IDS,
  ) {}

  /**
   * `new`: reserved for the caller, who must commit or release it; `stored`: a duplicate; a promise: another request
   * is publishing it — true once stored (a duplicate), false if that failed (reserve again).
   */
  reserve(id: string, now = Date.now()): Reservation {
    const at = this.stored.get(id);
    if (at !== undefined && now - at < this.windowMs) return 'stored';
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight.done;
    let settle: (stored: boolean) => void = () => undefined;
    const done = new Promise<boolean>((resolve) => (settle = resolve));
    this.pending.set(id, { done, settle });
    return 'new';
  }

  /** The reserved ids were stored. */
  commit(ids: readonly string[], now = Date.now()): void {
    for (const id of ids) {
      this.stored.delete(id); // re-inserted at the end: the map stays in time order
      this.stored.set(id, now);
      this.pending.get(id)?.settle(true);
      this.pending.delete(id);
    }
    this.evict(now);
  }

  /** The reserved ids were not stored (the batch failed): a retry may send them again. */
  release(ids: readonly string[]): void {
    for (const id of ids) {
      this.pending.get(id)?.settle(false);
      this.pending.delete(id);
    }
  }

  get size(): number {
    return this.stored.size;
  }

  private evict(now: number): void {
    for (const [id, at] of this.stored) {
      if (this.stored.size <= this.maxIds && now - at < this.windowMs) break;
      this.stored.delete(id);
    }
  }
}
