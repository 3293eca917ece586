import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { eventMinutes } from '@/lib/live/event-minutes';
import { request } from './support/http';
import { waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

// Every shopper allows analytics (the defaults), so every event sent is accepted and must be counted.
process.env.CONSENT_DEFAULT_GRANTED = 'analytics';

const TOTAL = 100_000;
const BATCH = 500;

/** The worker as `npm run worker` runs it, in its own process, attached to this test's embedded stack. */
function startWorker(): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/worker.ts'], {
    env: { ...process.env, WORKER_HEARTBEAT_SECONDS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

const counted = async (from: string) =>
  (await eventMinutes(from, new Date(Date.now() + 60_000).toISOString().slice(0, 16))).reduce(
    (sum, m) => sum + (m.byType.page_view ?? 0),
    0,
  );

describe('the worker killed and restarted during ingestion', () => {
  useTestStack();
  const workers: ChildProcess[] = [];
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await closeEventPublisher();
  });

  it('counts each of 100,000 events exactly once', async () => {
    const from = new Date().toISOString().slice(0, 16);
    const first = startWorker();
    workers.push(first.child);
    let sent = 0;
    let killedAt = -1;
    let second: ReturnType<typeof startWorker> | undefined;
    const send = async () => {
      const events = Array.from({ length: BATCH }, (_, i) => ({
        eventId: randomUUID(),
        type: 'page_view',
        customerId: `cus_kill_${(sent + i) % 1_000}`,
        sessionId: `ses_${(sent + i) % 1_000}`,
        occurredAt: new Date().toISOString(),
        properties: { path: `/p/${i % 50}` },
      }));
      const response = await postEvents(
        request('/api/v1/events', {
          method: 'POST',
          headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
        }),
      );
      if (response.status === 429) return send(); // the producer is full: send the batch again
      expect(response.status).toBe(202);
      expect(((await response.json()) as { accepted: number }).accepted).toBe(BATCH);
      sent += BATCH;
    };
    while (sent < TOTAL) {
      await send();
      // Once the worker has counted some, kill it mid-stream (no clean stop, no checkpoint) and start another.
      if (killedAt < 0 && sent >= 30_000) {
        await waitFor(async () => (await counted(from)) > 5_000, 60_000, 'the first worker to count');
        first.child.kill('SIGKILL');
        await new Promise((r) => first.child.once('exit', r));
        killedAt = sent;
        second = startWorker();
        workers.push(second.child);
      }
    }
    expect(killedAt).toBeGreaterThan(0);
    await waitFor(async () => (await counted(from)) >= TOTAL, 360_000, 'every event to be counted');
    // And not one more, however the killed worker's last batch was redelivered.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await counted(from)).toBe(TOTAL);
    expect(second!.output()).toContain('running');
  }, 540_000);
});
