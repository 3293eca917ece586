import { leaseKeyFor, listLeases } from './leases';
import { listShardIds, readRecords, shardIterator } from './shard-reader';
import { SHARD_END } from './stream-consumer';

/**
 * How many records wait after each shard's checkpoint (at most `limit` counted per shard): what the consumers
 * still have to handle. A shard read to its end counts nothing. Used by the benchmarks to know when every event
 * was handled, and readable by anything that reports consumer lag.
 */
export async function streamBacklog(stream: string, limit = 1000): Promise<Record<string, number>> {
  const checkpoints = new Map((await listLeases(stream)).map((l) => [l.leaseKey, l.checkpoint]));
  const backlog: Record<string, number> = {};
  for (const shardId of await listShardIds(stream)) {
    const checkpoint = checkpoints.get(leaseKeyFor(stream, shardId));
    if (checkpoint === SHARD_END) {
      backlog[shardId] = 0;
      continue;
    }
    const page = await readRecords(await shardIterator(stream, shardId, checkpoint), limit);
    // (real Kinesis may answer an empty page while behind; that still counts as waiting)
    backlog[shardId] = page.records.length || (page.millisBehindLatest ? 1 : 0);
  }
  return backlog;
}
