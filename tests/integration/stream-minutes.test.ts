import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as healthRoute } from '@/app/api/v1/stream/health/route';
import { GET as metricsRoute } from '@/app/api/v1/stream/metrics/route';
import { EVENT_EXAMPLES, type PulseEvent } from '@/lib/events';
import type { EventHandler } from '@/lib/kinesis/consumer/handler';
import { putDeadLetter } from '@/lib/kinesis/consumer/delivery-log';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { putHeartbeat } from '@/lib/kinesis/consumer/worker-heartbeat';
import { eventMinutes, recordEventMinutes } from '@/lib/live/event-minutes';
import { request, sessionCookie } from './support/http';
import { eventConsumer, producer, waitFor } from './support/stream-kit';
import { useTestStack } from './support/test-stack';

const MINUTE = '2026-11-25T10:15';

const pageView = (i: number, minute = MINUTE): PulseEvent => ({
  ...EVENT_EXAMPLES.page_view,
  eventId: randomUUID(),
  customerId: `cus_${String(i % 40).padStart(6, '0')}`,
  receivedAt: `${minute}:${String(i % 60).padStart(2, '0')}.000Z`,
});

const at = (shardId: string, n: number) => ({ shardId, sequenceNumber: String(1_000 + n) });

describe('events per minute, counted exactly once', () => {
  useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
  });

  it('applies a redelivered batch only past what was applied, whatever its boundaries', async () => {
    const events = Array.from({ length: 30 }, (_, i) => pageView(i, '2026-11-25T09:00'));
    await recordEventMinutes(
      events.slice(0, 20),
      events.slice(0, 20).map((_, i) => at('shard-a', i)),
    );
    // After a restart the batch starts at the checkpoint again and reaches further.
    await recordEventMinutes(
      events.slice(10),
      events.slice(10).map((_, i) => at('shard-a', i + 10)),
    );
    // The same events delivered once more, as they were.
    await recordEventMinutes(
      events.slice(10),
      events.slice(10).map((_, i) => at('shard-a', i + 10)),
    );
    // Another shard's rows add up beside this one's; a dead letter run again is added as it comes.
    await recordEventMinutes([pageView(0, '2026-11-25T09:00')], [at('shard-b', 0)]);
    await recordEventMinutes([pageView(1, '2026-11-25T09:00')], [{ ...at('shard-a', 3), replay: true }]);
    const [minute] = await eventMinutes('2026-11-25T09:00', '2026-11-25T09:00');
    expect(minute?.byType.page_view).toBe(32);
    // Sequence numbers grow in length: 1000 comes after 999, though "1000" < "999" as text.
    await recordEventMinutes(
      [pageView(0, '2026-11-25T09:01')],
      [{ shardId: 'shard-c', sequenceNumber: '999' }],
    );
    await recordEventMinutes(
      [pageView(1, '2026-11-25T09:01')],
      [{ shardId: 'shard-c', sequenceNumber: '1000' }],
    );
    expect((await eventMinutes('2026-11-25T09:01', '2026-11-25T09:01'))[0]?.byType.page_view).toBe(2);
  });

  it('equals the events sent when the consumer fails after its effect and is restarted midway', async () => {
    const sent = Array.from({ length: 2_000 }, (_, i) => pageView(i));
    const p = producer();
    await Promise.all(sent.map((e) => p.send(e.customerId, JSON.stringify(e))));
    await p.close();

    // The first consumer's second batch fails right after its counts were written (before any processed mark),
    // so those events come again one by one; then it is stopped midway and another consumer takes over.
    let batches = 0;
    const failing: EventHandler<PulseEvent> = {
      name: 'event-minutes',
      types: '*',
      handle: async (event, position) => recordEventMinutes([event], [position]),
      handleBatch: async (events, positions) => {
        await recordEventMinutes(events, positions);
        if (++batches === 2) throw new Error('crashed after the effect');
      },
    };
    const total = async () => (await eventMinutes(MINUTE, MINUTE))[0]?.byType.page_view ?? 0;
    const first = eventConsumer('minutes-1', [failing]);
    await first.start();
    await waitFor(async () => (await total()) >= 500, 30_000, 'the first consumer to count some events');
    await first.stop();
    expect(batches).toBeGreaterThanOrEqual(2);

    const second = eventConsumer('minutes-2', [failing]);
    await second.start();
    try {
      await waitFor(async () => (await total()) >= sent.length, 30_000, 'every event to be counted');
      await new Promise((r) => setTimeout(r, 500)); // anything counted twice would show by now
    } finally {
      await second.stop();
    }
    expect(await total()).toBe(sent.length);
  });

  it('serves the per-minute series to the Live page, not to roles without it', async () => {
    const current = new Date().toISOString().slice(0, 16);
    await recordEventMinutes(
      [pageView(1, current), pageView(2, current), pageView(3, current)],
      [1, 2, 3].map((n) => ({ shardId: 'shard-now', sequenceNumber: String(n) })),
    );
    const url = '/api/v1/stream/metrics?minutes=15';
    const response = await metricsRoute(
      request(url, { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      minutes: { minute: string; byType: Record<string, number>; total: number }[];
      backlogTotal: number;
    };
    expect(body.minutes).toHaveLength(15);
    // Every minute of the window is there, oldest first, with what was counted in it.
    expect(body.minutes.find((m) => m.minute === current)).toMatchObject({
      byType: { page_view: 3 },
      total: 3,
    });
    expect(body.minutes.map((m) => m.minute)).toEqual([...body.minutes.map((m) => m.minute)].sort());
    expect(body.backlogTotal).toBe(0);
    const refused = await metricsRoute(request(url, { headers: { cookie: await sessionCookie('privacy') } }));
    expect(refused.status).toBe(403);
    const bad = await metricsRoute(
      request('/api/v1/stream/metrics?minutes=0', { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(bad.status).toBe(400);
  });

  it('reports the stream’s health: shards, backlog, workers and dead letters, with what is wrong', async () => {
    const cookie = await sessionCookie('marketing');
    const read = async () =>
      (await (await healthRoute(request('/api/v1/stream/health', { headers: { cookie } }))).json()) as {
        status: string;
        shards: { waiting: number; finished: boolean }[];
        problems: string[];
      };
    const noWorker = await read();
    expect(noWorker.status).toBe('down');
    expect(noWorker.shards).toHaveLength(2);
    expect(noWorker.shards.every((s) => s.waiting === 0)).toBe(true); // the consumers above read everything
    expect(noWorker.problems).toContain('no worker has sent a heartbeat recently');

    await putHeartbeat({
      workerId: 'w-health',
      pid: 1,
      startedAt: new Date().toISOString(),
      heartbeatAt: new Date().toISOString(),
      intervalSeconds: 10,
    });
    expect((await read()).status).toBe('ok');
    await putDeadLetter({
      deadLetterId: 'dl-health',
      handler: 'event-minutes',
      eventId: 'e1',
      failedAt: new Date().toISOString(),
      attempts: 5,
      error: 'boom',
      shardId: 'shardId-000000000000',
      sequenceNumber: '1',
      data: '',
    });
    const degraded = await read();
    expect(degraded.status).toBe('degraded');
    expect(degraded.problems).toContain('1 dead letters for event-minutes (npm run replay)');
  });
});
