import { pingDynamo } from '../db/ping-dynamo';
import { describeEventsStream } from '../kinesis/ensure-streams';
import { listHeartbeats } from '../kinesis/consumer/worker-heartbeat';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  detail: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  checkedAt: string;
  checks: { dynamodb: CheckResult; kinesis: CheckResult; worker: CheckResult };
}

async function timed(fn: () => Promise<{ ok: boolean; detail: string }>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const result = await fn();
    return { ...result, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      detail: (error as Error).message,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}

/** A heartbeat older than this many intervals means the worker is gone. */
const MISSED_BEATS = 3;

export async function checkHealth(now = new Date()): Promise<Health> {
  const [dynamodb, kinesis, worker] = await Promise.all([
    timed(async () => {
      const { tables, missing } = await pingDynamo();
      return missing.length
        ? { ok: false, detail: `missing tables: ${missing.join(', ')}` }
        : { ok: true, detail: `${tables} tables active` };
    }),
    timed(async () => {
      const stream = await describeEventsStream();
      if (!stream) return { ok: false, detail: 'events stream does not exist' };
      return {
        ok: stream.status === 'ACTIVE',
        detail: `${stream.name}: ${stream.status}, ${stream.shards} shards`,
      };
    }),
    timed(async () => {
      const [latest] = await listHeartbeats();
      if (!latest) return { ok: false, detail: 'no worker heartbeat yet' };
      const age = (now.getTime() - Date.parse(latest.heartbeatAt)) / 1000;
      const ok = age <= latest.intervalSeconds * MISSED_BEATS;
      return { ok, detail: `a worker was last seen ${Math.max(0, Math.round(age))} s ago` };
    }),
  ]);
  const ok = dynamodb.ok && kinesis.ok && worker.ok;
  return {
    status: ok ? 'ok' : 'degraded',
    checkedAt: now.toISOString(),
    checks: { dynamodb, kinesis, worker },
  };
}
