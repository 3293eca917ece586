import { z } from 'zod';
import { putItem, scanItems } from '../../db/items';

const PREFIX = 'worker#';

const heartbeatSchema = z.object({
  leaseKey: z.string(),
  workerId: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  heartbeatAt: z.string(),
  intervalSeconds: z.number().positive(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export async function putHeartbeat(beat: Omit<Heartbeat, 'leaseKey'>): Promise<void> {
  await putItem('stream_leases', { leaseKey: `${PREFIX}${beat.workerId}`, ...beat });
}

/** Every worker heartbeat on record, most recent first. The leases table is small (shards + workers). */
export async function listHeartbeats(): Promise<Heartbeat[]> {
  const items = await scanItems('stream_leases', {
    expression: 'begins_with(leaseKey, :p)',
    values: { ':p': PREFIX },
  });
  return items
    .map((i) => heartbeatSchema.parse(i))
    .sort((a, b) => b.heartbeatAt.localeCompare(a.heartbeatAt));
}
