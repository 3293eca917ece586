import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ListShardsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  SplitShardCommand,
} from '@aws-sdk/client-kinesis';
import { getKinesisClient } from '../aws/clients';
import { getConfig } from '../config';

export interface StreamSummary {
  name: string;
  status: string;
  shards: number;
}

export async function describeEventsStream(): Promise<StreamSummary | undefined> {
  return describeStream(getConfig().EVENTS_STREAM);
}

async function describeStream(name: string): Promise<StreamSummary | undefined> {
  try {
    const { StreamDescriptionSummary: s } = await getKinesisClient().send(
      new DescribeStreamSummaryCommand({ StreamName: name }),
    );
    return { name, status: s?.StreamStatus ?? 'UNKNOWN', shards: s?.OpenShardCount ?? 0 };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Creates the events stream with EVENTS_STREAM_SHARDS shards when missing and waits until it is ACTIVE. */
export async function ensureStreams(): Promise<{ created: boolean; stream: StreamSummary }> {
  const { EVENTS_STREAM: name, EVENTS_STREAM_SHARDS: shards } = getConfig();
  return ensureStream(name, shards);
}

/** Creates a stream with `shards` shards when missing and waits until it is ACTIVE. */
export async function ensureStream(
  name: string,
  shards: number,
): Promise<{ created: boolean; stream: StreamSummary }> {
  let created = false;
  if (!(await describeStream(name))) {
    try {
      // Provisioned mode with a shard count: kinesalite has no on-demand mode.
      await getKinesisClient().send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
      created = true;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  return { created, stream: await waitForActive(name) };
}

async function waitForActive(name: string): Promise<StreamSummary> {
  for (let i = 0; i < 600; i++) {
    const stream = await describeStream(name);
    if (stream?.status === 'ACTIVE') return stream;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Kinesis stream ${name} did not become ACTIVE within 5 minutes`);
}

/**
 * Splits an open shard in two at the middle of its hash-key range (more capacity for a hot stream) and waits until
 * the stream is ACTIVE again. Consumers then read the children once the parent is read to its end.
 */
export async function splitShard(name: string, shardId: string): Promise<StreamSummary> {
  const { Shards } = await getKinesisClient().send(new ListShardsCommand({ StreamName: name }));
  const range = Shards?.find((s) => s.ShardId === shardId)?.HashKeyRange;
  if (!range?.StartingHashKey || !range.EndingHashKey) throw new Error(`No shard ${shardId} in ${name}`);
  const middle = (BigInt(range.StartingHashKey) + BigInt(range.EndingHashKey) + 1n) / 2n;
  await getKinesisClient().send(
    new SplitShardCommand({ StreamName: name, ShardToSplit: shardId, NewStartingHashKey: middle.toString() }),
  );
  return waitForActive(name);
}
