import { getConfig } from '../../config';
import { parseEvent, type PulseEvent } from '../../events';
import { knownErasedAmong } from '../../privacy/erasure/tombstones';
import { latestIterator, listShardIds, readRecords } from '../../kinesis/consumer/shard-reader';

/**
 * The live feed's source in a web process: one tailer reads every shard from its tip a few times a second and keeps
 * the last events in a ring, shared by every open feed. Events are kept as they came: each feed masks (or drops) them
 * as it sends, by the customer's consent at that moment, so a replay after a withdrawal or an erasure shows nothing
 * it should not. Ids count up per process,
 * so a reconnect to the same server resumes after `Last-Event-ID` while the ring still holds it. It stops polling a
 * minute after the last feed closes.
 */
export interface FeedItem {
  id: number;
  event: PulseEvent;
}

const POLL_MS = 250;
const SHARD_LIST_MS = 30_000;
const RING = 5_000;
const IDLE_STOP_MS = 60_000;
const PRUNE_MS = 2_000;

type Listener = (items: readonly FeedItem[]) => void;

class FeedTailer {
  private readonly ring: FeedItem[] = [];
  private readonly listeners = new Set<Listener>();
  private next = 1;
  private iterators = new Map<string, string | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private idleSince = 0;
  private polling = false;
  private listedAt = 0;
  private prunedAt = 0;

  constructor(private readonly stream: string) {}

  /** Items after `afterId` still in the ring (all when undefined is not asked for), then every new one. */
  subscribe(listener: Listener, afterId?: number): { backlog: FeedItem[]; resumed: boolean; close(): void } {
    this.listeners.add(listener);
    this.start();
    const oldest = this.ring[0]?.id;
    const resumed = afterId !== undefined && oldest !== undefined && afterId >= oldest - 1;
    const backlog = resumed ? this.ring.filter((i) => i.id > afterId) : [];
    return {
      backlog,
      resumed,
      close: () => {
        this.listeners.delete(listener);
        if (!this.listeners.size) this.idleSince = Date.now();
      },
    };
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref?.();
    void this.poll(); // position on every shard's tip now, not a poll interval later
  }

  /**
   * Resolves once the tailer reads from every shard's tip (or after `timeoutMs`): a feed opened after it misses no
   * event sent after its answer began. Starts the tailer.
   */
  async ready(timeoutMs = 2_000): Promise<void> {
    if (!this.listeners.size) this.idleSince = Date.now(); // a subscriber is about to come: do not stop meanwhile
    this.start();
    const deadline = Date.now() + timeoutMs;
    while (!this.listedAt || !this.iterators.size) {
      if (Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    // Nobody is watching: nothing is kept either (a later reconnect is told the events are gone).
    this.ring.length = 0;
    this.iterators.clear();
    this.listedAt = 0;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    if (!this.listeners.size && Date.now() - this.idleSince > IDLE_STOP_MS) return this.stop();
    this.polling = true;
    try {
      // The shard list changes only with resharding: asked every 30 s, not at every poll.
      if (Date.now() - this.listedAt > SHARD_LIST_MS) {
        for (const shardId of await listShardIds(this.stream)) {
          if (!this.iterators.has(shardId))
            this.iterators.set(shardId, await latestIterator(this.stream, shardId));
        }
        this.listedAt = Date.now(); // after every shard has its iterator: ready() waits for this
      }
      const events: PulseEvent[] = [];
      for (const [shardId, iterator] of this.iterators) {
        if (!iterator) continue;
        const page = await readRecords(iterator, 1_000);
        this.iterators.set(shardId, page.next);
        for (const record of page.records) {
          try {
            const parsed = parseEvent(JSON.parse(Buffer.from(record.data).toString('utf8')));
            if (parsed.ok) events.push(parsed.event);
          } catch {
            // not an event: the consumers dead-letter it; the feed skips it
          }
        }
      }
      if (events.length) this.publish(events);
      if (Date.now() - this.prunedAt > PRUNE_MS)
        await this.dropErased().catch((error: Error) =>
          console.error(`[feed] dropping erased: ${error.message}`),
        );
    } catch (error) {
      console.error(`[feed] ${(error as Error).message}`);
      this.iterators.clear(); // fresh iterators next time (an expired one, a resharded stream)
      this.listedAt = 0;
    } finally {
      this.polling = false;
    }
  }

  /**
   * Drops the held events of customers erased since they came (the process's tombstone set, at most seconds old), so
   * an erased customer's last events do not stay in this process's memory for as long as the ring would keep them.
   */
  private async dropErased(): Promise<void> {
    this.prunedAt = Date.now();
    const erased = await knownErasedAmong([...new Set(this.ring.map((i) => i.event.customerId))]);
    if (!erased.size) return;
    const kept = this.ring.filter((i) => !erased.has(i.event.customerId));
    this.ring.length = 0;
    this.ring.push(...kept);
  }

  /** Whether the ring still holds an event of this customer (tests). */
  holds(customerId: string): boolean {
    return this.ring.some((i) => i.event.customerId === customerId);
  }

  private publish(events: readonly PulseEvent[]): void {
    const items = [...events]
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((event) => ({ id: this.next++, event }));
    this.ring.push(...items);
    if (this.ring.length > RING) this.ring.splice(0, this.ring.length - RING);
    for (const listener of this.listeners) listener(items);
  }
}

let tailer: FeedTailer | undefined;

export function getFeedTailer(): FeedTailer {
  tailer ??= new FeedTailer(getConfig().EVENTS_STREAM);
  return tailer;
}

/** For tests: stops the process's tailer so the next one starts fresh. */
export function resetFeedTailer(): void {
  tailer?.stop();
  tailer = undefined;
}
