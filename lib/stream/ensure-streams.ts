import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { getKinesisClient } from '../aws/clients';
import { getConfig } from '../config';

export interface StreamSummary {
  name: string;
  status: string;
  shards: number;
}

export async function describeEventsStream(): Promise<StreamSummary | undefined> {
  const name = getConfig().EVENTS_STREAM;
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
  let created = false;
  if (!(await describeEventsStream())) {
    try {
      // Provisioned mode with a shard count: kinesalite has no on-demand mode.
      await getKinesisClient().send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
      created = true;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  for (let i = 0; i < 600; i++) {
    const stream = await describeEventsStream();
    if (stream?.status === 'ACTIVE') return { created, stream };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Kinesis stream ${name} did not become ACTIVE within 5 minutes`);
}
