import { randomUUID } from 'node:crypto';
import type { PutRecordsCommand, PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { getKinesisClient } from '@/lib/aws/clients';
import { listDeadLetters } from '@/lib/kinesis/consumer/delivery-log';
import type { EventHandler } from '@/lib/kinesis/consumer/handler';
import { replayDeadLetters } from '@/lib/kinesis/consumer/replay';
import { StreamConsumer } from '@/lib/kinesis/consumer/stream-consumer';
import { ensureStream, splitShard } from '@/lib/kinesis/ensure-streams';
import { KinesisProducer } from '@/lib/kinesis/producer';
import {
  consumer,
  countEffects,
  decodeTestEvent,
  effectHandler,
  producer,
  publish,
  testEvents,
  waitFor,
  type TestEvent,
} from './support/stream-kit';
import { useTestStack } from './support/test-stack';

describe('producer → Kinesis → consumer', () => {
  useTestStack();

  it('delivers every event once in effects, and a record Kinesis refused at first still arrives', async () => {
    const real = getKinesisClient();
    let refused = 0;
    // Kinesis reports some records of a call as failed (throttled shard): only those are sent again.
    const flaky = {
      send: async (command: PutRecordsCommand): Promise<PutRecordsCommandOutput> => {
        const output = await real.send(command);
        if (refused > 0) return output;
        const records = output.Records ?? [];
        refused = Math.min(5, records.length);
        // Pretend the last `refused` records failed; the real ones were stored too, so consumers must dedupe.
        for (let i = records.length - refused; i < records.length; i++) {
          records[i] = { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'simulated' };
        }
        return { ...output, FailedRecordCount: refused, Records: records };
      },
    };
    const p = producer(flaky);
    const events = testEvents(300);
    await publish(events, p);
    expect(p.stats()).toMatchObject({ sent: 300, retried: 5, failed: 0 });

    const { handler, calls } = effectHandler('once');
    const c = consumer('w1', [handler]);
    await c.start();
    await waitFor(async () => (await countEffects('once')) === 300, 20_000, '300 effects');
    await new Promise((r) => setTimeout(r, 500)); // nothing more may arrive
    expect(await countEffects('once')).toBe(300);
    expect(calls.count).toBe(300); // the 5 duplicates Kinesis holds were recognised by their event ids
    expect(c.stats().skipped).toBe(5);
    await c.stop();
  });

  it('redelivers the batch a consumer died in before its checkpoint, and effects stay exactly once', async () => {
    const events = testEvents(400, 1000);
    await publish(events);
    let died = false;
    const a = consumer('dies', []);
    const first = effectHandler('crash', () => {
      if (first.calls.count === 120 && !died) {
        died = true;
        a.abandon(); // the process is gone: no checkpoint, no lease release
      }
    });
    (a as unknown as { o: { handlers: unknown[] } }).o.handlers = [first.handler];
    await a.start();
    await waitFor(async () => died, 20_000, 'the first consumer to die');

    const second = effectHandler('crash');
    const b = consumer('survivor', [second.handler]);
    const started = Date.now();
    await b.start();
    await waitFor(async () => (await countEffects('crash')) === 400, 30_000, '400 effects');
    expect(Date.now() - started).toBeLessThan(15_000);
    // The survivor re-read the batch the dead consumer never checkpointed and skipped what was already done.
    expect(b.stats().skipped).toBeGreaterThan(0);
    // At least once: the event in hand when it died (effect written, mark not) is delivered again.
    expect(first.calls.count + second.calls.count).toBeGreaterThanOrEqual(400);
    expect(await countEffects('crash')).toBe(400);
    await b.stop();
  });

  it('two workers split the shards; when one is killed the other takes its shards within the lease timeout', async () => {
    const shared = effectHandler('pair');
    const a = consumer('a', [shared.handler]);
    const b = consumer('b', [shared.handler]);
    await a.start();
    await b.start();
    await waitFor(
      async () => a.stats().shards.length === 1 && b.stats().shards.length === 1,
      10_000,
      'a 1:1 split',
    );

    await publish(testEvents(100, 5000));
    await waitFor(async () => (await countEffects('pair')) === 100, 20_000, '100 effects');
    a.abandon();
    const killedAt = Date.now();
    await waitFor(async () => b.stats().shards.length === 2, 10_000, 'b to take both shards');
    expect(Date.now() - killedAt).toBeLessThan(1500 + 1500); // lease timeout + one balance round

    await publish(testEvents(150, 6000));
    await waitFor(async () => (await countEffects('pair')) === 250, 20_000, '250 effects');
    await new Promise((r) => setTimeout(r, 300));
    expect(await countEffects('pair')).toBe(250);
    // Each record was handled by one worker, not both: at most one redelivery (an effect whose mark the killed
    // worker had not written yet).
    expect(shared.calls.count).toBeGreaterThanOrEqual(250);
    expect(shared.calls.count).toBeLessThanOrEqual(251);
    await b.stop();
  });

  it('puts a poison record in dead letters without stalling the shard, and replays it after the fix', async () => {
    const p = producer();
    await p.send('cus_poison', 'this is not json');
    await publish(testEvents(20, 9000), p);
    let broken = true;
    const { handler } = effectHandler('poison', (e) => {
      if (broken && e.n === 9007) throw new Error('price table missing for this product');
    });
    const c = consumer('p1', [handler]);
    await c.start();
    await waitFor(async () => (await countEffects('poison')) === 19, 20_000, '19 effects');
    await waitFor(async () => (await listDeadLetters()).length === 2, 5_000, 'two dead letters');
    await c.stop();

    const letters = await listDeadLetters();
    expect(letters.map((l) => l.handler).sort()).toEqual(['(decode)', 'effects-poison']);
    expect(letters.find((l) => l.handler === 'effects-poison')).toMatchObject({
      attempts: 3,
      error: 'Error: price table missing for this product',
    });

    expect((await listDeadLetters('effects-poison')).map((l) => l.eventId)).toHaveLength(1);

    broken = false;
    const replay = await replayDeadLetters({ handlers: [handler], decode: decodeTestEvent });
    expect(replay).toMatchObject({ replayed: 1, alreadyHandled: 0, failed: [], unknownHandler: 1 });
    expect(await countEffects('poison')).toBe(20);
    expect((await listDeadLetters()).map((l) => l.handler)).toEqual(['(decode)']);
  });

  it('does not run a handler on an event its dependency gave up on, and replays it only after the dependency', async () => {
    await publish(testEvents(10, 7000));
    let broken = true;
    const summary = effectHandler('dep-summary', (e) => {
      if (broken && e.n === 7003) throw new Error('summary store down');
    });
    const seen: number[] = [];
    const dependant: EventHandler<TestEvent> = {
      name: 'effects-dep-after',
      types: ['purchase'],
      after: [summary.handler.name],
      async handle(event) {
        seen.push(event.n);
      },
      // The batch path too: the framework must filter before calling it.
      async handleBatch(events) {
        seen.push(...events.map((e) => e.n));
      },
    };
    const c = consumer('deps', [summary.handler, dependant]);
    await c.start();
    await waitFor(async () => (await countEffects('dep-summary')) === 9, 20_000, '9 summary effects');
    await waitFor(
      async () => (await listDeadLetters(dependant.name)).length === 1,
      5_000,
      'the dependant letter',
    );
    await c.stop();
    expect(seen.filter((n) => n >= 7000).sort()).toEqual([
      7000, 7001, 7002, 7004, 7005, 7006, 7007, 7008, 7009,
    ]);
    expect((await listDeadLetters(dependant.name))[0]?.error).toBe(
      `not run: ${summary.handler.name} gave up on this event`,
    );

    // Replaying the dependant alone does nothing while its dependency has not handled the event.
    const early = await replayDeadLetters({
      handlers: [dependant],
      decode: decodeTestEvent,
      handler: dependant.name,
    });
    expect(early.replayed).toBe(0);
    expect(early.failed[0]?.error).toContain(`${summary.handler.name} has not handled this event yet`);
    expect(seen).not.toContain(7003);

    broken = false;
    const replay = await replayDeadLetters({
      handlers: [summary.handler, dependant],
      decode: decodeTestEvent,
    });
    expect(replay).toMatchObject({ replayed: 2, failed: [] });
    expect(seen).toContain(7003);
    expect(await countEffects('dep-summary')).toBe(10);
  });

  it('hands a customer’s records over from parent to child shard in order', async () => {
    const stream = 'reshard-test';
    const kinesis = getKinesisClient();
    await ensureStream(stream, 1);
    const send = async (from: number, to: number) => {
      const p = new KinesisProducer({ streamName: stream, client: kinesis, lingerMs: 5 });
      for (let n = from; n < to; n++)
        await p.send('cus_reshard', JSON.stringify({ eventId: randomUUID(), type: 'purchase', n }));
      await p.close();
    };
    await send(0, 30); // into the one shard
    expect((await splitShard(stream, 'shardId-000000000000')).shards).toBe(2);
    await send(30, 60); // into one of its two children

    const handled: number[] = [];
    const c = new StreamConsumer<TestEvent>({
      stream,
      workerId: 'reshard',
      handlers: [
        {
          name: 'order-check',
          types: ['purchase'],
          async handle(event) {
            // The parent's records are slow to handle: a child read at the same time would overtake them.
            if (event.n < 30) await new Promise((r) => setTimeout(r, 20));
            handled.push(event.n);
          },
        },
      ],
      decode: decodeTestEvent,
      leaseMs: 1500,
      pollMs: 50,
      retryDelayMs: 5,
      log: () => undefined,
    });
    await c.start();
    await waitFor(async () => handled.length >= 60, 20_000, 'all 60 records');
    await c.stop();
    expect(handled).toEqual(Array.from({ length: 60 }, (_, n) => n));
  });
});
