import { getConfig } from '../config';
import { listDeadLetters } from '../kinesis/consumer/delivery-log';
import { leaseKeyFor, listLeases } from '../kinesis/consumer/leases';
import { listShards, readRecords, shardIterator } from '../kinesis/consumer/shard-reader';
import { SHARD_END } from '../kinesis/consumer/stream-consumer';
import { listHeartbeats } from '../kinesis/consumer/worker-heartbeat';

/**
 * The stream and its consumers, for operators: each shard with its lease holder, whether it is read to the end,
 * the records waiting after its checkpoint and how far behind the newest record the consumer is (iterator age);
 * the workers' heartbeats; and the dead letters per handler. `status` sums it up: `ok`, `degraded` (dead letters, or
 * a shard nobody holds while records wait), or `down` (no live worker).
 */
export interface ShardHealth {
  shardId: string;
  parents: string[];
  owner: string | null;
  leaseExpiresInSeconds: number | null;
  finished: boolean;
  waiting: number;
  iteratorAgeSeconds: number | null;
}

export interface StreamHealth {
  status: 'ok' | 'degraded' | 'down';
  stream: string;
  shards: ShardHealth[];
  workers: { workerId: string; heartbeatAt: string; alive: boolean }[];
  deadLetters: { handler: string; count: number; oldest: string }[];
  problems: string[];
}

const WAITING_COUNTED = 1000;

export async function getStreamHealth(now = new Date()): Promise<StreamHealth> {
  const stream = getConfig().EVENTS_STREAM;
  const [shards, leases, beats, letters] = await Promise.all([
    listShards(stream),
    listLeases(stream),
    listHeartbeats(),
    listDeadLetters(),
  ]);
  const byKey = new Map(leases.map((l) => [l.leaseKey, l]));
  const health: ShardHealth[] = [];
  for (const shard of shards) {
    const lease = byKey.get(leaseKeyFor(stream, shard.shardId));
    const finished = lease?.checkpoint === SHARD_END;
    let waiting = 0;
    let age: number | null = null;
    if (!finished) {
      const page = await readRecords(
        await shardIterator(stream, shard.shardId, lease?.checkpoint),
        WAITING_COUNTED,
      );
      waiting = page.records.length;
      const oldest = page.records[0]?.arrivedAt;
      age = oldest
        ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000)
        : (page.millisBehindLatest ?? 0) / 1000;
    }
    const live = lease?.owner && lease.expiresAt > now.getTime();
    health.push({
      shardId: shard.shardId,
      parents: shard.parents,
      owner: live ? lease.owner! : null,
      leaseExpiresInSeconds: live ? Math.round((lease.expiresAt - now.getTime()) / 1000) : null,
      finished,
      waiting,
      iteratorAgeSeconds: age === null ? null : Math.round(age * 10) / 10,
    });
  }
  const workers = beats.map((b) => ({
    workerId: b.workerId,
    heartbeatAt: b.heartbeatAt,
    alive: now.getTime() - Date.parse(b.heartbeatAt) <= 3 * b.intervalSeconds * 1000,
  }));
  const grouped = new Map<string, { handler: string; count: number; oldest: string }>();
  for (const letter of letters) {
    const g = grouped.get(letter.handler) ?? { handler: letter.handler, count: 0, oldest: letter.failedAt };
    g.count++;
    if (letter.failedAt < g.oldest) g.oldest = letter.failedAt;
    grouped.set(letter.handler, g);
  }
  const deadLetters = [...grouped.values()].sort((a, b) => b.count - a.count);
  const problems = [
    ...(workers.some((w) => w.alive) ? [] : ['no worker has sent a heartbeat recently']),
    ...health
      .filter((s) => !s.finished && !s.owner && s.waiting > 0)
      .map((s) => `${s.shardId}: ${s.waiting} records wait and no consumer holds the shard`),
    ...deadLetters.map((d) => `${d.count} dead letters for ${d.handler} (npm run replay)`),
  ];
  const status = !workers.some((w) => w.alive) ? 'down' : problems.length ? 'degraded' : 'ok';
  return { status, stream, shards: health, workers, deadLetters, problems };
}
