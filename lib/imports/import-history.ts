import { hostname } from 'node:os';
import { getItem, putItem, queryItems, queryPage, updateItem } from '../db/items';
import { importRecordSchema, type ImportRecord } from './import-record';

/**
 * The import history in `imports`: one row per import, written by the process running it (created, then progress
 * with a heartbeat, then the outcome). A process killed mid-import leaves its row `running`; the next import marks
 * such rows failed once their heartbeat is older than STALE_MS (markInterrupted), so the history never claims an
 * import is still going when nothing runs it.
 */
const STALE_MS = 60_000;

export async function createImport(record: ImportRecord): Promise<void> {
  await putItem('imports', importRecordSchema.parse(record), {
    condition: 'attribute_not_exists(importId)',
  });
}

/** Sets the given fields (a shallow merge) and the heartbeat. */
export async function updateImport(
  importId: string,
  changes: Partial<Omit<ImportRecord, 'importId' | 'kind'>>,
): Promise<void> {
  const entries = Object.entries({ ...changes, heartbeatAt: new Date().toISOString() }).filter(
    ([, v]) => v !== undefined,
  );
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = entries.map(([key, value], i) => {
    names[`#f${i}`] = key; // field names such as `status` and `summary` are reserved words
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  await updateItem('imports', { importId }, `SET ${sets.join(', ')}`, {
    names,
    values,
    condition: 'attribute_exists(importId)',
  });
}

export async function getImport(importId: string): Promise<ImportRecord | undefined> {
  const item = await getItem('imports', { importId }, { consistent: true });
  return item ? importRecordSchema.parse(item) : undefined;
}

/** Imports newest first, a page at a time (`before`: the startedAt to continue below). */
export async function listImports(
  limit: number,
  before?: string,
): Promise<{ imports: ImportRecord[]; nextCursor: string | null }> {
  const page = await queryPage('imports', {
    index: 'by_started',
    keyCondition: before ? 'kind = :k AND startedAt < :b' : 'kind = :k',
    values: { ':k': 'import', ...(before ? { ':b': before } : {}) },
    forward: false,
    limit,
  });
  const imports = page.items.map((i) => importRecordSchema.parse(i));
  return { imports, nextCursor: page.nextKey && imports.length ? imports.at(-1)!.startedAt : null };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Marks imports left `running` by a process that stopped as failed, and returns their ids: on this host when their
 * process is gone, anywhere when they have been silent for STALE_MS.
 */
export async function markInterrupted(now = new Date()): Promise<string[]> {
  const running = await queryItems('imports', {
    index: 'by_started',
    keyCondition: 'kind = :k',
    filter: '#s = :running',
    names: { '#s': 'status' },
    values: { ':k': 'import', ':running': 'running' },
  });
  const stale = new Date(now.getTime() - STALE_MS).toISOString();
  const ids = running
    .map((item) => importRecordSchema.parse(item))
    .filter((r) =>
      // On this host the process itself answers (a long phase without progress is not a death); elsewhere, silence.
      r.host === hostname() && r.pid !== undefined
        ? r.pid !== process.pid && !alive(r.pid)
        : r.heartbeatAt < stale,
    )
    .map((r) => r.importId);
  for (const importId of ids)
    await updateImport(importId, {
      status: 'failed',
      finishedAt: now.toISOString(),
      error: 'interrupted: the process running it stopped; running the same import again finishes it',
    });
  return ids;
}
