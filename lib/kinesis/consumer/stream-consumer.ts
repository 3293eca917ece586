import type { Decoder, DeliverableEvent, EventHandler } from './handler';
import {
  acquireLease,
  announceConsumer,
  checkpointLease,
  leaseKeyFor,
  listLeases,
  liveConsumers,
  releaseLease,
  renewLease,
  withdrawConsumer,
} from './leases';
import { processRecords } from './process-records';
import { listShards, readRecords, shardIterator } from './shard-reader';

export interface ConsumerOptions<E extends DeliverableEvent> {
  stream: string;
  workerId: string;
  handlers: readonly EventHandler<E>[];
  decode: Decoder<E>;
  /** A lease not renewed for this long is free for another worker. */
  leaseMs?: number;
  /** Pause after an empty read. */
  pollMs?: number;
  batchLimit?: number;
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Events to drop unhandled (e.g. about erased customers): their ids, asked once per batch. */
  exclude?: (events: readonly E[]) => Promise<Set<string>>;
  log?: (line: string) => void;
}

export interface ConsumerStats {
  shards: string[];
  delivered: number;
  skipped: number;
  deadLettered: number;
  checkpoints: number;
  millisBehindLatest: Record<string, number>;
}

interface Held {
  shardId: string;
  leaseKey: string;
  active: boolean;
  /** Until when the lease is surely ours (local clock, renewed each round); past it, work stops by itself. */
  deadline: number;
  loop: Promise<void>;
}

export const SHARD_END = 'SHARD_END';

/**
 * A KCL-like worker: discovers the stream's shards, splits them with the other live workers through leases in
 * `stream_leases` (renewed every third of `leaseMs`; an expired lease is taken over), reads each held shard from its
 * checkpoint, delivers to the handlers and checkpoints only after the whole batch was handled.
 */
export class StreamConsumer<E extends DeliverableEvent> {
  private readonly held = new Map<string, Held>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Set by abandon(): a crashed process writes nothing more, not even a checkpoint. */
  private dead = false;
  private balancing: Promise<void> = Promise.resolve();
  private readonly counters = { delivered: 0, skipped: 0, deadLettered: 0, checkpoints: 0 };
  private readonly lag: Record<string, number> = {};
  private readonly leaseMs: number;

  constructor(private readonly o: ConsumerOptions<E>) {
    this.leaseMs = o.leaseMs ?? 10_000;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.balance();
    this.timer = setInterval(
      () => {
        this.balancing = this.balancing
          .then(() => this.balance())
          .catch((error: Error) => this.log(`balance: ${error.message}`));
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
  }

  /** Clean stop: finish the batch in hand, give every lease back at once, leave the group. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.balancing;
    await Promise.all([...this.held.values()].map((h) => this.drop(h, true)));
    await withdrawConsumer(this.o.stream, this.o.workerId);
  }

  /** Dies as a crashed process would: stops at once, releases and checkpoints nothing. */
  abandon(): void {
    this.dead = true;
    this.running = false;
    clearInterval(this.timer);
    for (const h of this.held.values()) h.active = false;
    this.held.clear();
  }

  stats(): ConsumerStats {
    return { shards: [...this.held.keys()].sort(), ...this.counters, millisBehindLatest: { ...this.lag } };
  }

  private log(line: string): void {
    (this.o.log ?? ((l: string) => console.error(`[consumer ${this.o.workerId}] ${l}`)))(line);
  }

  private async balance(): Promise<void> {
    if (!this.running) return;
    const me = this.o.workerId;
    await announceConsumer(this.o.stream, me, this.leaseMs);
    for (const h of [...this.held.values()]) {
      const renewedAt = Date.now();
      let renewed: boolean;
      try {
        renewed = await renewLease(h.leaseKey, me, this.leaseMs);
      } catch (error) {
        this.log(`renewing ${h.shardId}: ${(error as Error).message}`);
        continue; // the local deadline stops the shard if renewals keep failing
      }
      if (renewed) {
        h.deadline = renewedAt + this.leaseMs;
      } else {
        this.log(`lost the lease of ${h.shardId}`);
        h.active = false;
        this.held.delete(h.shardId);
      }
    }
    const [shards, workers, leases] = await Promise.all([
      listShards(this.o.stream),
      liveConsumers(this.o.stream),
      listLeases(this.o.stream),
    ]);
    const byShard = new Map(leases.map((l) => [l.shardId, l]));
    const listed = new Set(shards.map((s) => s.shardId));
    const finished = (shardId: string) => byShard.get(shardId)?.checkpoint === SHARD_END;
    // A shard born of a split or merge waits until its parents are read to their end (or gone from the stream):
    // a customer's earlier records are in the parent, and must be handled before the child's.
    const open = shards
      .filter((s) => !finished(s.shardId))
      .filter((s) => s.parents.every((p) => !listed.has(p) || finished(p)))
      .map((s) => s.shardId);
    const target = Math.ceil(open.length / Math.max(1, workers.length));
    const now = Date.now();
    for (const shardId of open) {
      if (!this.running || this.held.size >= target) break;
      if (this.held.has(shardId)) continue;
      const lease = byShard.get(shardId);
      if (lease?.owner && lease.owner !== me && lease.expiresAt > now) continue;
      const acquiredAt = Date.now();
      const taken = await acquireLease(this.o.stream, shardId, me, this.leaseMs);
      if (taken) this.run(shardId, taken.checkpoint, acquiredAt + this.leaseMs);
    }
    // Hand surplus shards back so a worker that just joined gets its share; not awaited, so a long batch on one
    // shard never delays the renewal of the others.
    const surplus = [...this.held.values()].slice(target);
    for (const h of surplus) void this.drop(h, true);
  }

  /** Still ours with a margin: a worker whose renewals stalled stops before another may take the shard over. */
  private owns(h: Held): boolean {
    return h.active && Date.now() < h.deadline - this.leaseMs / 5;
  }

  private run(shardId: string, checkpoint: string | undefined, deadline: number): void {
    const leaseKey = leaseKeyFor(this.o.stream, shardId);
    const held: Held = { shardId, leaseKey, active: true, deadline, loop: Promise.resolve() };
    this.held.set(shardId, held);
    held.loop = this.readShard(held, checkpoint).catch((error: Error) => {
      this.log(`${shardId}: ${error.message}`);
      this.held.delete(shardId); // retaken by the next balance round, from its checkpoint
    });
  }

  private async drop(h: Held, release: boolean): Promise<void> {
    h.active = false;
    await h.loop;
    this.held.delete(h.shardId);
    if (release) await releaseLease(h.leaseKey, this.o.workerId);
  }

  private async readShard(h: Held, checkpoint: string | undefined): Promise<void> {
    let iterator = await shardIterator(this.o.stream, h.shardId, checkpoint);
    while (this.owns(h)) {
      const page = await readRecords(iterator, this.o.batchLimit ?? 2_000);
      if (page.millisBehindLatest !== undefined) this.lag[h.shardId] = page.millisBehindLatest;
      if (page.records.length) {
        const result = await processRecords(page.records, {
          shardId: h.shardId,
          handlers: this.o.handlers,
          decode: this.o.decode,
          maxAttempts: this.o.maxAttempts ?? 3,
          retryDelayMs: this.o.retryDelayMs ?? 100,
          exclude: this.o.exclude,
          shouldContinue: () => this.owns(h),
        });
        this.counters.delivered += result.delivered;
        this.counters.skipped += result.skipped;
        this.counters.deadLettered += result.deadLettered;
        if (!result.complete || this.dead) break;
        // A fully handled batch is checkpointed even when stopping: the write is conditional on still owning the
        // lease, so it is safe, and a clean stop then leaves nothing to redeliver.
        const last = page.records.at(-1)?.sequenceNumber ?? '';
        if (!(await checkpointLease(h.leaseKey, this.o.workerId, last))) {
          this.log(`${h.shardId}: lease lost before checkpoint; another worker redelivers the batch`);
          h.active = false;
          this.held.delete(h.shardId);
          return;
        }
        this.counters.checkpoints++;
        if (!this.owns(h)) break; // stopping, or out of lease time: see below
      }
      if (!page.next) {
        await checkpointLease(h.leaseKey, this.o.workerId, SHARD_END); // a closed shard read to its end
        h.active = false;
        this.held.delete(h.shardId);
        return;
      }
      iterator = page.next;
      if (!page.records.length) await new Promise((r) => setTimeout(r, this.o.pollMs ?? 250));
    }
    if (h.active && this.held.get(h.shardId) === h) {
      // Ran out of lease time: forget the shard; the next round takes it again from its checkpoint if still ours.
      h.active = false;
      this.held.delete(h.shardId);
    }
  }
}
