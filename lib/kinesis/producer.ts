import { randomInt } from 'node:crypto';
import {
  PutRecordsCommand,
  type PutRecordsCommandOutput,
  type PutRecordsRequestEntry,
} from '@aws-sdk/client-kinesis';
import { getKinesisClient } from '../aws/clients';
import { getConfig } from '../config';
import type { PulseEvent } from '../events';

/** Kinesis limits (PutRecords): records per call, bytes per call and per record (data + partition key). */
const KINESIS_LIMITS = { records: 500, requestBytes: 5 * 1024 * 1024, recordBytes: 1024 * 1024 };

export interface PutRecordsClient {
  send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput>;
}

export interface ProducerOptions {
  streamName: string;
  client: PutRecordsClient;
  /** Records accepted but not yet stored; beyond it `send` refuses at once (back-pressure for callers). */
  maxQueued?: number;
  /** How long a lone record waits for company before a batch goes out. */
  lingerMs?: number;
  /** Attempts per record before its promise rejects. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** PutRecords calls in flight at once; a partition key is in at most one of them, so its order holds. */
  maxInFlight?: number;
  /** [0,1) source for backoff jitter; injectable so tests are deterministic. */
  random?: () => number;
}

export interface StoredRecord {
  shardId: string;
  sequenceNumber: string;
}

export class ProducerQueueFullError extends Error {
  override name = 'ProducerQueueFullError';
}
export class RecordTooLargeError extends Error {
  override name = 'RecordTooLargeError';
}
class ProducerClosedError extends Error {
  override name = 'ProducerClosedError';
}

interface Entry {
  partitionKey: string;
  data: Uint8Array;
  size: number;
  attempts: number;
  notBefore: number;
  lastError?: string;
  resolve: (stored: StoredRecord) => void;
  reject: (error: Error) => void;
}

export interface ProducerStats {
  queued: number;
  sent: number;
  retried: number;
  failed: number;
  batches: number;
}

/**
 * Batches records into PutRecords calls within Kinesis' limits, retries only the records a call reports as failed
 * (with full-jitter exponential backoff), holds at most `maxQueued` records in memory and refuses more at once,
 * and flushes on close. Up to `maxInFlight` calls run at once, but a partition key with a record in flight (or
 * waiting to be retried) sends nothing later until that record is settled, which keeps a customer's records in order.
 */
export class KinesisProducer {
  private queue: Entry[] = [];
  private inFlight = 0;
  private readonly keysInFlight = new Map<string, number>();
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private idle: (() => void)[] = [];
  private readonly counters = { sent: 0, retried: 0, failed: 0, batches: 0 };
  private readonly o: Required<Omit<ProducerOptions, 'client' | 'streamName'>>;

  constructor(private readonly options: ProducerOptions) {
    this.o = {
      maxQueued: options.maxQueued ?? 10_000,
      lingerMs: options.lingerMs ?? 20,
      maxAttempts: options.maxAttempts ?? 8,
      baseDelayMs: options.baseDelayMs ?? 50,
      maxDelayMs: options.maxDelayMs ?? 2_000,
      maxInFlight: options.maxInFlight ?? 4,
      random: options.random ?? (() => randomInt(0, 1_000_000) / 1_000_000),
    };
  }

  /** Queues one record; resolves once Kinesis stored it, rejects after the last attempt failed. */
  send(partitionKey: string, data: Uint8Array | string): Promise<StoredRecord> {
    if (this.closed) return Promise.reject(new ProducerClosedError('The producer is closed.'));
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const size = bytes.byteLength + Buffer.byteLength(partitionKey);
    if (size > KINESIS_LIMITS.recordBytes) {
      return Promise.reject(
        new RecordTooLargeError(`A record of ${size} bytes exceeds Kinesis' 1 MiB limit.`),
      );
    }
    if (this.queue.length >= this.o.maxQueued) {
      return Promise.reject(
        new ProducerQueueFullError(`${this.queue.length} records are waiting; retry shortly.`),
      );
    }
    return new Promise<StoredRecord>((resolve, reject) => {
      this.queue.push({ partitionKey, data: bytes, size, attempts: 0, notBefore: 0, resolve, reject });
      this.schedule(this.queue.length >= KINESIS_LIMITS.records ? 0 : this.o.lingerMs);
    });
  }

  /** Room left before `send` refuses; callers (ingestion) use it to answer 429 before doing any work. */
  get capacity(): number {
    return this.o.maxQueued - this.queue.length;
  }

  stats(): ProducerStats {
    return { queued: this.queue.length, ...this.counters };
  }

  /** Resolves when everything queued so far was stored or given up on. */
  flush(): Promise<void> {
    if (!this.queue.length && !this.inFlight) return Promise.resolve();
    this.schedule(0);
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops accepting records and flushes what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private schedule(delayMs: number): void {
    if (this.inFlight >= this.o.maxInFlight) return; // a call finishing pumps again
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delayMs);
  }

  private takeBatch(now: number): Entry[] {
    const batch: Entry[] = [];
    const rest: Entry[] = [];
    let bytes = 0;
    // A key whose earlier record is in flight, waits (backing off), already has a record in this call or does not fit it sends nothing later.
    const held = new Set<string>();
    const taken = new Set<string>();
    for (const entry of this.queue) {
      const key = entry.partitionKey;
      const waits =
        batch.length >= KINESIS_LIMITS.records ||
        entry.notBefore > now ||
        bytes + entry.size > KINESIS_LIMITS.requestBytes ||
        this.keysInFlight.has(key) ||
        // One record per key per call: if an earlier one failed and a later one of the same key succeeded in the
        // same call, the retry would land after it.
        taken.has(key);
      if (waits || held.has(key)) {
        held.add(key);
        rest.push(entry);
        continue;
      }
      bytes += entry.size;
      batch.push(entry);
      taken.add(key);
    }
    this.queue = rest;
    return batch;
  }

  private backoff(attempts: number): number {
    const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempts - 1));
    return Math.round(this.o.random() * cap);
  }

  private retryOrFail(entry: Entry, error: string, now: number): void {
    entry.attempts++;
    entry.lastError = error;
    if (entry.attempts >= this.o.maxAttempts) {
      this.counters.failed++;
      entry.reject(new Error(`Kinesis refused the record ${entry.attempts} times; last: ${error}`));
      return;
    }
    this.counters.retried++;
    entry.notBefore = now + this.backoff(entry.attempts);
    this.queue.unshift(entry);
  }

  private pump(): void {
    while (this.queue.length && this.inFlight < this.o.maxInFlight) {
      const now = Date.now();
      const batch = this.takeBatch(now);
      if (!batch.length) {
        // Everything left waits for a backoff or for a key in flight (whose call pumps again when it ends).
        if (!this.inFlight) {
          const wait = Math.min(...this.queue.map((e) => e.notBefore)) - now;
          this.schedule(Math.max(1, wait));
        }
        return;
      }
      this.inFlight++;
      for (const e of batch)
        this.keysInFlight.set(e.partitionKey, (this.keysInFlight.get(e.partitionKey) ?? 0) + 1);
      void this.put(batch).finally(() => {
        this.inFlight--;
        for (const e of batch) {
          const left = (this.keysInFlight.get(e.partitionKey) ?? 1) - 1;
          if (left) this.keysInFlight.set(e.partitionKey, left);
          else this.keysInFlight.delete(e.partitionKey);
        }
        this.pump();
      });
    }
    if (!this.queue.length && !this.inFlight) {
      const waiting = this.idle;
      this.idle = [];
      waiting.forEach((resolve) => resolve());
    }
  }

  private async put(batch: Entry[]): Promise<void> {
    const records: PutRecordsRequestEntry[] = batch.map((e) => ({
      PartitionKey: e.partitionKey,
      Data: e.data,
    }));
    this.counters.batches++;
    let output: PutRecordsCommandOutput;
    try {
      output = await this.options.client.send(
        new PutRecordsCommand({ StreamName: this.options.streamName, Records: records }),
      );
    } catch (error) {
      // The whole call failed (throttled, network): every record goes back, oldest first.
      const now = Date.now();
      for (const entry of [...batch].reverse()) this.retryOrFail(entry, (error as Error).name, now);
      return;
    }
    const now = Date.now();
    const failed: Entry[] = [];
    batch.forEach((entry, i) => {
      const result = output.Records?.[i];
      if (result?.ErrorCode || !result?.SequenceNumber || !result.ShardId) {
        failed.push(entry);
        entry.lastError = result?.ErrorCode ?? 'no result';
        return;
      }
      this.counters.sent++;
      entry.resolve({ shardId: result.ShardId, sequenceNumber: result.SequenceNumber });
    });
    for (const entry of failed.reverse()) this.retryOrFail(entry, entry.lastError ?? 'failed', now);
  }
}

// The process-wide publisher of the events stream, over one producer.
let producer: KinesisProducer | undefined;

/** The process's producer for the events stream (one queue, one batcher, per process). */
export function eventProducer(): KinesisProducer {
  producer ??= new KinesisProducer({ streamName: getConfig().EVENTS_STREAM, client: getKinesisClient() });
  return producer;
}

/** Publishes one event; partition key = customerId, so a customer's events stay on one shard, in order. */
export function publishEvent(event: PulseEvent): Promise<StoredRecord> {
  return eventProducer().send(event.customerId, JSON.stringify(event));
}

/** Flushes and closes the producer (worker and server shutdown). */
export async function closeEventPublisher(): Promise<void> {
  const current = producer;
  producer = undefined;
  await current?.close();
}
