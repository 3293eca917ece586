import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { getKinesisClient } from '../../aws/clients';

export interface StreamRecord {
  sequenceNumber: string;
  partitionKey: string;
  data: Uint8Array;
  arrivedAt?: Date;
}

export interface ShardInfo {
  shardId: string;
  /** The shard(s) this one was split or merged from: their records come first for the same partition key. */
  parents: string[];
}

export async function listShards(stream: string): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let token: string | undefined;
  do {
    const page = await getKinesisClient().send(
      new ListShardsCommand(token ? { NextToken: token } : { StreamName: stream }),
    );
    for (const s of page.Shards ?? []) {
      if (!s.ShardId) continue;
      const parents = [s.ParentShardId, s.AdjacentParentShardId].filter((p): p is string => !!p);
      shards.push({ shardId: s.ShardId, parents });
    }
    token = page.NextToken;
  } while (token);
  return shards.sort((a, b) => a.shardId.localeCompare(b.shardId));
}

export async function listShardIds(stream: string): Promise<string[]> {
  return (await listShards(stream)).map((s) => s.shardId);
}

/** An iterator just after the checkpoint, or at the oldest record when the shard was never checkpointed. */
export async function shardIterator(stream: string, shardId: string, checkpoint?: string): Promise<string> {
  const { ShardIterator } = await getKinesisClient().send(
    new GetShardIteratorCommand({
      StreamName: stream,
      ShardId: shardId,
      ...(checkpoint
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: checkpoint }
        : { ShardIteratorType: 'TRIM_HORIZON' }),
    }),
  );
  if (!ShardIterator) throw new Error(`No iterator for ${stream}/${shardId}`);
  return ShardIterator;
}

/** An iterator at the shard's tip: only records written from now on (the live feed). */
export async function latestIterator(stream: string, shardId: string): Promise<string> {
  const { ShardIterator } = await getKinesisClient().send(
    new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'LATEST' }),
  );
  if (!ShardIterator) throw new Error(`No iterator for ${stream}/${shardId}`);
  return ShardIterator;
}

export interface RecordPage {
  records: StreamRecord[];
  /** Undefined once a closed shard has been read to its end. */
  next?: string;
  millisBehindLatest?: number;
}

export async function readRecords(iterator: string, limit: number): Promise<RecordPage> {
  const page = await getKinesisClient().send(
    new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }),
  );
  return {
    records: (page.Records ?? []).map((r: _Record) => ({
      sequenceNumber: r.SequenceNumber ?? '',
      partitionKey: r.PartitionKey ?? '',
      data: r.Data ?? new Uint8Array(),
      arrivedAt: r.ApproximateArrivalTimestamp,
    })),
    next: page.NextShardIterator,
    millisBehindLatest: page.MillisBehindLatest,
  };
}
