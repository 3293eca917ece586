import { z } from 'zod';
import { ConditionFailedError, getItem, putItem, queryPage, updateItem } from '../../db/items';

/**
 * A batch analysis run in `analysis_runs` (kind `batch`): what started it, its phase, progress (done of total,
 * rate, ETA) and its checkpoint — the scan position after the last fully stored page, so a killed run resumes
 * there. `owner` and `heartbeatAt` say which process runs it; a run whose heartbeat is older than
 * RUN_STALE_MS is taken over by the next process that looks.
 */
export const RUN_STALE_MS = 90_000;

export const runSchema = z.object({
  runId: z.string(),
  kind: z.literal('batch'),
  /** `import`: started by an order-file import once its orders are stored (the models see the new history). */
  trigger: z.enum(['schedule', 'manual', 'initial', 'cli', 'import']),
  startedAt: z.string(),
  /** The day analysed (YYYY-MM-DD) and the instant every insight of the run is computed as of. */
  asOf: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  phase: z.enum(['fitting', 'analysing', 'done']),
  requestedBy: z.string(),
  owner: z.string().optional(),
  heartbeatAt: z.string().optional(),
  total: z.number().int().nonnegative().default(0),
  done: z.number().int().nonnegative().default(0),
  /** Customers without personalization consent (not analysed, not counted in total). */
  refused: z.number().int().nonnegative().default(0),
  withoutOrders: z.number().int().nonnegative().default(0),
  ratePerSecond: z.number().nonnegative().optional(),
  etaSeconds: z.number().nonnegative().optional(),
  cursor: z.record(z.string(), z.unknown()).optional(),
  modelFittedAt: z.string().optional(),
  /** The fitted parameters, for the runs page. */
  model: z.record(z.string(), z.unknown()).optional(),
  analyzer: z.string(),
  costUsd: z.number().nonnegative().default(0),
  /** Times a process took the run: more than one means it was resumed after a crash or kill. */
  claims: z.number().int().nonnegative().default(0),
  finishedAt: z.string().optional(),
  seconds: z.number().nonnegative().optional(),
  error: z.string().optional(),
  /** Failed attempts in a row; the run is retried until MAX_FAILURES, then marked failed. */
  failures: z.number().int().nonnegative().optional(),
});
export type Run = z.infer<typeof runSchema>;

export async function getRun(runId: string): Promise<Run | undefined> {
  const item = await getItem('analysis_runs', { runId }, { consistent: true });
  if (!item || item.kind !== 'batch') return undefined;
  return runSchema.parse(item);
}

/** Creates the run unless one with this id exists (the nightly id is per day: one run a night). */
export async function createRun(run: Run): Promise<boolean> {
  try {
    await putItem('analysis_runs', run, { condition: 'attribute_not_exists(runId)' });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** Newest first, a page at a time (cursor = the startedAt to continue below). */
export async function listRuns(
  limit: number,
  before?: string,
): Promise<{ runs: Run[]; nextCursor: string | null }> {
  const page = await queryPage('analysis_runs', {
    index: 'by_kind',
    keyCondition: before ? 'kind = :k AND startedAt < :b' : 'kind = :k',
    values: { ':k': 'batch', ...(before ? { ':b': before } : {}) },
    forward: false,
    limit,
  });
  const runs = page.items.map((i) => runSchema.parse(i));
  return { runs, nextCursor: page.nextKey && runs.length ? runs.at(-1)!.startedAt : null };
}

/**
 * Takes the run for `owner` when it is free: running, and unowned, already ours, or silent for RUN_STALE_MS.
 * False when another live process has it or it has ended.
 */
export async function claimRun(runId: string, owner: string, now = new Date()): Promise<boolean> {
  try {
    await updateItem('analysis_runs', { runId }, 'SET #o = :o, heartbeatAt = :h ADD claims :one', {
      names: { '#o': 'owner', '#s': 'status' },
      values: {
        ':o': owner,
        ':h': now.toISOString(),
        ':stale': new Date(now.getTime() - RUN_STALE_MS).toISOString(),
        ':running': 'running',
        ':one': 1,
      },
      condition:
        '#s = :running AND (attribute_not_exists(#o) OR #o = :o OR attribute_not_exists(heartbeatAt) OR heartbeatAt < :stale)',
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** Writes progress while `owner` still holds the run; false when another process has taken it over. */
export async function updateRun(runId: string, owner: string, changes: Partial<Run>): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const names: Record<string, string> = { '#o': 'owner' };
  const values: Record<string, unknown> = { ':o': owner };
  const sets = entries.map(([key, value], i) => {
    names[`#f${i}`] = key;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  try {
    await updateItem('analysis_runs', { runId }, `SET ${sets.join(', ')}`, {
      names,
      values,
      condition: '#o = :o',
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** Runs that are marked running but whose process has gone silent: the worker resumes them. */
export async function staleRuns(now = new Date()): Promise<Run[]> {
  const { runs } = await listRuns(20);
  const cutoff = now.getTime() - RUN_STALE_MS;
  return runs.filter((r) => r.status === 'running' && (!r.heartbeatAt || Date.parse(r.heartbeatAt) < cutoff));
}

/** What the API shows of a run: everything but the scan checkpoint (a storage key). */
export function runView(run: Run): Omit<Run, 'cursor'> {
  const { cursor: _cursor, ...view } = run;
  return view;
}
