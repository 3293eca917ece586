/**
 * Real-time refresh of active shoppers' insights: the stream consumer offers every customer it sees an event from;
 * each is refreshed once their events have been quiet for `debounceMs` (a burst of page views is one refresh), a
 * few at a time. The queue is bounded: when full, new customers are dropped and counted (the nightly batch covers
 * them). It lives in memory: a crash loses queued refreshes, which only delays them to the next activity or night.
 */
export interface RefreshQueueOptions {
  refresh: (customerId: string) => Promise<unknown>;
  debounceMs?: number;
  maxQueued?: number;
  concurrency?: number;
  tickMs?: number;
}

export interface RefreshStats {
  queued: number;
  running: number;
  refreshed: number;
  dropped: number;
  failed: number;
}

export class RefreshQueue {
  private readonly due = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly stats = { refreshed: 0, dropped: 0, failed: 0 };
  private readonly debounceMs: number;
  private readonly maxQueued: number;
  private readonly concurrency: number;

  constructor(private readonly options: RefreshQueueOptions) {
    this.debounceMs = options.debounceMs ?? 5_000;
    this.maxQueued = options.maxQueued ?? 1_000;
    this.concurrency = options.concurrency ?? 2;
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 250);
    this.timer.unref?.();
  }

  offer(customerId: string, now = Date.now()): void {
    if (!this.due.has(customerId) && this.due.size >= this.maxQueued) {
      this.stats.dropped++;
      return;
    }
    this.due.set(customerId, now + this.debounceMs);
  }

  snapshot(): RefreshStats {
    return { queued: this.due.size, running: this.running.size, ...this.stats };
  }

  private tick(now = Date.now()): void {
    for (const [customerId, at] of this.due) {
      if (this.running.size >= this.concurrency) return;
      if (at > now || this.running.has(customerId)) continue;
      this.due.delete(customerId);
      this.running.add(customerId);
      const work = this.options
        .refresh(customerId)
        .then(() => void this.stats.refreshed++)
        .catch((error: Error) => {
          this.stats.failed++;
          console.error(`[analysis] refreshing ${customerId}: ${error.message}`);
        })
        .finally(() => {
          this.running.delete(customerId);
          this.inFlight.delete(work);
        });
      this.inFlight.add(work);
    }
  }

  /** Stops taking work; refreshes already running finish. Queued ones are left to the next activity or night. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([...this.inFlight]);
  }
}

let active: RefreshQueue | undefined;

/** The worker's queue; until it starts one, offers are ignored (the web process never refreshes from events). */
export function startRefreshQueue(options: RefreshQueueOptions): RefreshQueue {
  active = new RefreshQueue(options);
  return active;
}

export function offerRefresh(customerIds: readonly string[]): void {
  if (!active) return;
  for (const id of new Set(customerIds)) active.offer(id);
}

export async function stopRefreshQueue(): Promise<void> {
  const queue = active;
  active = undefined;
  await queue?.stop();
}
