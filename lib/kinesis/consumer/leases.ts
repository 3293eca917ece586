import { ConditionFailedError, putItem, scanItems, updateItem } from '../../db/items';

/**
 * Shard leases in `stream_leases`: one item per shard (`<stream>#<shardId>`) holding its owner, an expiry and the
 * checkpoint, plus one presence item per live consumer (`consumer#<stream>#<workerId>`) so workers can split
 * shards evenly. Every write is conditional on ownership, so a worker that lost its lease cannot checkpoint.
 */
export interface Lease {
  leaseKey: string;
  shardId: string;
  owner?: string;
  expiresAt: number;
  checkpoint?: string;
}

const NAMES = { '#owner': 'owner' }; // OWNER is a DynamoDB reserved word (so is STREAM)

export const leaseKeyFor = (stream: string, shardId: string) => `${stream}#${shardId}`;

function toLease(item: Record<string, unknown> | undefined): Lease | undefined {
  if (!item) return undefined;
  return {
    leaseKey: String(item.leaseKey),
    shardId: String(item.shardId),
    owner: typeof item.owner === 'string' ? item.owner : undefined,
    expiresAt: Number(item.expiresAt ?? 0),
    checkpoint: typeof item.checkpoint === 'string' ? item.checkpoint : undefined,
  };
}

/** Takes a shard's lease when it is free, expired or already ours; undefined when someone else holds it. */
export async function acquireLease(
  stream: string,
  shardId: string,
  me: string,
  ttlMs: number,
): Promise<Lease | undefined> {
  const now = Date.now();
  try {
    const item = await updateItem(
      'stream_leases',
      { leaseKey: leaseKeyFor(stream, shardId) },
      'SET #owner = :me, expiresAt = :exp, shardId = :shard, #stream = :stream',
      {
        condition: 'attribute_not_exists(#owner) OR #owner = :me OR expiresAt < :now',
        names: { ...NAMES, '#stream': 'stream' },
        values: { ':me': me, ':exp': now + ttlMs, ':now': now, ':shard': shardId, ':stream': stream },
      },
    );
    return toLease(item);
  } catch (error) {
    if (error instanceof ConditionFailedError) return undefined;
    throw error;
  }
}

/** Extends our lease; false when it was lost (expired and taken). */
export async function renewLease(leaseKey: string, me: string, ttlMs: number): Promise<boolean> {
  try {
    await updateItem('stream_leases', { leaseKey }, 'SET expiresAt = :exp', {
      condition: '#owner = :me',
      names: NAMES,
      values: { ':me': me, ':exp': Date.now() + ttlMs },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** Records how far the shard is processed; false when the lease is no longer ours. */
export async function checkpointLease(
  leaseKey: string,
  me: string,
  sequenceNumber: string,
): Promise<boolean> {
  try {
    await updateItem('stream_leases', { leaseKey }, 'SET checkpoint = :seq, checkpointAt = :at', {
      condition: '#owner = :me',
      names: NAMES,
      values: { ':me': me, ':seq': sequenceNumber, ':at': new Date().toISOString() },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** Gives a lease up at once (clean shutdown, rebalancing), so another worker need not wait for it to expire. */
export async function releaseLease(leaseKey: string, me: string): Promise<void> {
  try {
    await updateItem('stream_leases', { leaseKey }, 'REMOVE #owner SET expiresAt = :zero', {
      condition: '#owner = :me',
      names: NAMES,
      values: { ':me': me, ':zero': 0 },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
  }
}

export async function listLeases(stream: string): Promise<Lease[]> {
  const items = await scanItems('stream_leases', {
    expression: 'begins_with(leaseKey, :p)',
    values: { ':p': `${stream}#` },
  });
  return items.map((i) => toLease(i) as Lease);
}

/** Announces a live consumer until `expiresAt`. */
export async function announceConsumer(stream: string, me: string, ttlMs: number): Promise<void> {
  await putItem('stream_leases', {
    leaseKey: `consumer#${stream}#${me}`,
    workerId: me,
    expiresAt: Date.now() + ttlMs,
  });
}

export async function withdrawConsumer(stream: string, me: string): Promise<void> {
  await putItem('stream_leases', { leaseKey: `consumer#${stream}#${me}`, workerId: me, expiresAt: 0 });
}

/** Ids of consumers whose presence has not expired. */
export async function liveConsumers(stream: string): Promise<string[]> {
  const now = Date.now();
  const items = await scanItems('stream_leases', {
    expression: 'begins_with(leaseKey, :p) AND expiresAt > :now',
    values: { ':p': `consumer#${stream}#`, ':now': now },
  });
  return items.map((i) => String(i.workerId)).sort();
}
