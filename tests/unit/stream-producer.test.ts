import type { PutRecordsCommand, PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import {
  KinesisProducer,
  ProducerQueueFullError,
  RecordTooLargeError,
  type PutRecordsClient,
} from '@/lib/kinesis/producer';

/** A stand-in for Kinesis that records every call and fails the records `fail` picks. */
class FakeKinesis implements PutRecordsClient {
  calls: { keys: string[]; bytes: number }[] = [];
  /** Payloads Kinesis stored, in the order it stored them. */
  stored: string[] = [];
  private sequence = 0;
  constructor(private readonly fail: (key: string, call: number) => string | undefined = () => undefined) {}

  async send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput> {
    const records = command.input.Records ?? [];
    const call = this.calls.length;
    this.calls.push({
      keys: records.map((r) => r.PartitionKey ?? ''),
      bytes: records.reduce((n, r) => n + (r.Data?.byteLength ?? 0) + (r.PartitionKey?.length ?? 0), 0),
    });
    const results = records.map((r) => {
      const error = this.fail(r.PartitionKey ?? '', call);
      if (!error) this.stored.push(Buffer.from(r.Data ?? new Uint8Array()).toString());
      return error
        ? { ErrorCode: error, ErrorMessage: 'simulated' }
        : { ShardId: 'shardId-000000000000', SequenceNumber: String(++this.sequence) };
    });
    return {
      $metadata: {},
      FailedRecordCount: results.filter((r) => 'ErrorCode' in r).length,
      Records: results,
    };
  }
}

const options = (client: PutRecordsClient) => ({
  streamName: 'events',
  client,
  lingerMs: 1,
  baseDelayMs: 1,
  maxDelayMs: 5,
  random: () => 0.5,
});

describe('KinesisProducer', () => {
  it('sends 1,200 records in PutRecords calls of at most 500', async () => {
    const kinesis = new FakeKinesis();
    const producer = new KinesisProducer(options(kinesis));
    const stored = await Promise.all(
      Array.from({ length: 1200 }, (_, i) => producer.send(`cus_${i % 1_300}`, `{"n":${i}}`)),
    );
    expect(stored).toHaveLength(1200);
    expect(kinesis.calls.map((c) => c.keys.length)).toEqual([500, 500, 200]);
    expect(new Set(stored.map((s) => s.sequenceNumber)).size).toBe(1200);
  });

  it('puts at most one record of a customer in a call, so a failed earlier one cannot land after a later one', async () => {
    const kinesis = new FakeKinesis();
    const producer = new KinesisProducer(options(kinesis));
    await Promise.all(Array.from({ length: 120 }, (_, i) => producer.send(`cus_${i % 40}`, `{"n":${i}}`)));
    expect(kinesis.calls.every((c) => new Set(c.keys).size === c.keys.length)).toBe(true);
    expect(kinesis.calls.map((c) => c.keys.length)).toEqual([40, 40, 40]);
  });

  it('keeps each call under 5 MiB', async () => {
    const kinesis = new FakeKinesis();
    const producer = new KinesisProducer(options(kinesis));
    const big = 'x'.repeat(900 * 1024);
    await Promise.all(Array.from({ length: 12 }, (_, i) => producer.send(`k${i}`, big)));
    expect(kinesis.calls.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...kinesis.calls.map((c) => c.bytes))).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(kinesis.calls.reduce((n, c) => n + c.keys.length, 0)).toBe(12);
  });

  it('retries only the records a call reports as failed, and every record arrives', async () => {
    const kinesis = new FakeKinesis((key, call) =>
      call === 0 && ['a', 'c'].includes(key) ? 'ProvisionedThroughputExceededException' : undefined,
    );
    const producer = new KinesisProducer(options(kinesis));
    const stored = await Promise.all(['a', 'b', 'c', 'd'].map((k) => producer.send(k, k)));
    expect(stored).toHaveLength(4);
    expect(kinesis.calls.map((c) => c.keys)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a', 'c'],
    ]);
    expect(producer.stats()).toMatchObject({ sent: 4, retried: 2, failed: 0 });
  });

  it('gives up on a record after its attempts and says why', async () => {
    const kinesis = new FakeKinesis((key) => (key === 'poison' ? 'InternalFailure' : undefined));
    const producer = new KinesisProducer({ ...options(kinesis), maxAttempts: 3 });
    const [bad, good] = await Promise.allSettled([producer.send('poison', 'x'), producer.send('fine', 'y')]);
    expect(bad.status).toBe('rejected');
    expect(bad.status === 'rejected' && (bad.reason as Error).message).toBe(
      'Kinesis refused the record 3 times; last: InternalFailure',
    );
    expect(good.status).toBe('fulfilled');
  });

  it('retries a whole call that failed', async () => {
    let calls = 0;
    const flaky: PutRecordsClient = {
      send: async (command) => {
        if (calls++ === 0) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        return new FakeKinesis().send(command);
      },
    };
    const producer = new KinesisProducer(options(flaky));
    await expect(producer.send('k', 'v')).resolves.toMatchObject({ shardId: 'shardId-000000000000' });
    expect(calls).toBe(2);
  });

  it('refuses at once when its queue is full, and refuses records over 1 MiB', async () => {
    const producer = new KinesisProducer({ ...options(new FakeKinesis()), maxQueued: 3, lingerMs: 50 });
    const accepted = [producer.send('a', '1'), producer.send('b', '2'), producer.send('c', '3')];
    expect(producer.capacity).toBe(0);
    await expect(producer.send('d', '4')).rejects.toBeInstanceOf(ProducerQueueFullError);
    await expect(producer.send('e', 'x'.repeat(1024 * 1024))).rejects.toBeInstanceOf(RecordTooLargeError);
    await Promise.all(accepted);
  });

  it('flushes what is queued when closed, then refuses new records', async () => {
    const kinesis = new FakeKinesis();
    const producer = new KinesisProducer({ ...options(kinesis), lingerMs: 10_000 });
    const pending = Array.from({ length: 10 }, (_, i) => producer.send(`k${i}`, 'v'));
    await producer.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(10);
    await expect(producer.send('late', 'v')).rejects.toThrow('closed');
  });

  it('never lets a later record of a customer overtake an earlier one that is being retried', async () => {
    const kinesis = new FakeKinesis((key, call) =>
      key === 'cus_1' && call === 0 ? 'InternalFailure' : undefined,
    );
    const slow: PutRecordsClient = {
      send: async (command) => {
        await new Promise((r) => setTimeout(r, 5)); // each call takes a while, so the batcher stays busy
        return kinesis.send(command);
      },
    };
    const producer = new KinesisProducer({
      ...options(slow),
      baseDelayMs: 40,
      maxDelayMs: 40,
      random: () => 1,
    });
    const sends = [producer.send('cus_1', 'cus_1 first')];
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 4));
      sends.push(producer.send('cus_2', `cus_2 ${i}`)); // other customers keep flowing meanwhile
      if (i === 2) sends.push(producer.send('cus_1', 'cus_1 second'));
    }
    await Promise.all(sends);
    expect(kinesis.stored.filter((d) => d.startsWith('cus_1'))).toEqual(['cus_1 first', 'cus_1 second']);
  });

  it('runs several calls at once while each customer’s records stay in the order sent', async () => {
    const kinesis = new FakeKinesis();
    let running = 0;
    let most = 0;
    let seed = 7;
    const jitter = () => (seed = (seed * 48271) % 2147483647) % 9; // seeded: 0–8 ms per call
    const slow: PutRecordsClient = {
      send: async (command) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 2 + jitter()));
        running--;
        return kinesis.send(command);
      },
    };
    const producer = new KinesisProducer({ ...options(slow), maxInFlight: 4 });
    const sends: Promise<unknown>[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 900; i++) sends.push(producer.send(`cus_${i}`, `cus_${i} ${round}`));
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(sends);
    expect(most).toBeGreaterThan(1);
    expect(kinesis.stored).toHaveLength(5_400);
    const rounds = new Map<string, number[]>();
    for (const d of kinesis.stored) {
      const [key, round] = d.split(' ');
      rounds.set(key!, [...(rounds.get(key!) ?? []), Number(round)]);
    }
    for (const seen of rounds.values()) expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
