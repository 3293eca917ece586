import type { StreamHealth } from '@/lib/live/get-stream-health';

/** The stream health strip's figures, each with its unit. Pure. */

/** Records waiting after the checkpoints; each shard is counted up to 1,000, so a full count means "at least". */
export function backlogLabel(health: Pick<StreamHealth, 'shards'>, countedUpTo = 1_000): string {
  const open = health.shards.filter((s) => !s.finished);
  const total = open.reduce((sum, s) => sum + s.waiting, 0);
  const capped = open.some((s) => s.waiting >= countedUpTo);
  return `${capped ? 'at least ' : ''}${total.toLocaleString('en')} ${total === 1 ? 'record' : 'records'}`;
}

/** The oldest unprocessed record's age over all shards: "0.4 s", "3 min 12 s"; "–" when nothing is known. */
export function iteratorAgeLabel(health: Pick<StreamHealth, 'shards'>): string {
  const ages = health.shards.flatMap((s) => (s.iteratorAgeSeconds === null ? [] : [s.iteratorAgeSeconds]));
  if (!ages.length) return '–';
  const max = Math.max(...ages);
  if (max < 60) return `${max.toLocaleString('en', { maximumFractionDigits: 1 })} s`;
  const minutes = Math.floor(max / 60);
  return `${minutes} min ${Math.round(max - minutes * 60)} s`;
}

export function deadLettersLabel(health: Pick<StreamHealth, 'deadLetters'>): string {
  const n = health.deadLetters.reduce((sum, d) => sum + d.count, 0);
  return `${n.toLocaleString('en')} ${n === 1 ? 'dead letter' : 'dead letters'}`;
}

/** "2 of 2 shards held", counting only shards still being read. */
export function shardsLabel(health: Pick<StreamHealth, 'shards'>): string {
  const open = health.shards.filter((s) => !s.finished);
  const held = open.filter((s) => s.owner).length;
  return `${held} of ${open.length} ${open.length === 1 ? 'shard' : 'shards'} held`;
}

export function workersLabel(health: Pick<StreamHealth, 'workers'>): string {
  const alive = health.workers.filter((w) => w.alive).length;
  return `${alive} ${alive === 1 ? 'worker' : 'workers'} alive`;
}

export const STATUS_TEXT: Record<StreamHealth['status'], string> = {
  ok: 'Stream OK',
  degraded: 'Stream degraded',
  down: 'Stream down',
};
