import type { ImportJob } from './import-job';
import type { ImportRecord, ImportSummary } from './import-record';

/**
 * An import as the API shows it, from the history row (real imports, also the CLI's), the web job (progress while it
 * runs, dry runs) or both. Pure: the clock and whether this process runs the job are passed in.
 */
export type ImportPhase = ImportJob['progress']['phase'];

export interface ImportProgressView {
  phase: ImportPhase;
  /** Of the whole import, 0–100 (reading weighs most; the later passes by buckets done). */
  percent: number;
  linesRead: number;
  bytesRead: number;
  sizeBytes: number;
  linesRejected: number;
  ordersStored: number;
  bucketsDone: number;
  buckets: number;
  linesPerSecond?: number;
  /** Seconds left, estimated from the share done so far; absent until there is something to go on. */
  etaSeconds?: number;
}

export interface ImportView {
  importId: string;
  dryRun: boolean;
  /** `failed` with `interrupted` when the process running it stopped. */
  status: 'running' | 'completed' | 'failed';
  interrupted: boolean;
  fileName: string;
  sizeBytes: number;
  /** The format asked for (`auto`) until the file's header says which it is. */
  format: string;
  /** Import column → file column, as read. */
  mapping: Record<string, string>;
  ignoredColumns: string[];
  productsFileName?: string;
  requestedBy: string;
  startedAt: string;
  finishedAt?: string;
  seconds?: number;
  progress: ImportProgressView;
  summary?: ImportSummary;
  /** The products file's rows that could not be read. */
  productRejects?: number;
  error?: string;
  /** Where the rejected lines download as CSV, when there are any. */
  rejectsUrl?: string;
  /** What finishing a real import did (its history row): weeks rebuilt, customers scored or left unscored. */
  finishing?: ImportRecord['finishing'];
  /** The analysis run it queued once its orders were stored. */
  analysisRunId?: string;
}

/** A running import silent this long belonged to a process that stopped (import-history's STALE_MS). */
export const STALE_MS = 60_000;

const INTERRUPTED =
  'interrupted: the process running it stopped (a restart?); run the same file again: an import is idempotent, so nothing is counted twice';

const WEIGHTS: Record<ImportPhase, number> = {
  reading: 50,
  orders: 30,
  customers: 15,
  finishing: 5,
  done: 0,
};
const ORDER: ImportPhase[] = ['reading', 'orders', 'customers', 'finishing', 'done'];

function percentOf(p: ImportJob['progress'], sizeBytes: number, dryRun: boolean): number {
  if (p.phase === 'done') return 100;
  const weights = { ...WEIGHTS, finishing: dryRun ? 0 : WEIGHTS.finishing };
  const total = ORDER.reduce((s, phase) => s + weights[phase], 0);
  const before = ORDER.slice(0, ORDER.indexOf(p.phase)).reduce((s, phase) => s + weights[phase], 0);
  const share =
    p.phase === 'reading'
      ? sizeBytes
        ? Math.min(1, p.bytesRead / sizeBytes)
        : 0
      : p.phase === 'finishing'
        ? 0
        : p.buckets
          ? p.bucketsDone / p.buckets
          : 0;
  return Math.min(99, Math.floor(((before + weights[p.phase] * share) / total) * 100));
}

function progressView(
  p: ImportJob['progress'],
  sizeBytes: number,
  dryRun: boolean,
  running: boolean,
  elapsedSeconds: number,
): ImportProgressView {
  const percent = percentOf(p, sizeBytes, dryRun);
  const etaSeconds =
    running && percent >= 1 && elapsedSeconds > 1
      ? Math.round((elapsedSeconds * (100 - percent)) / percent)
      : undefined;
  return {
    phase: p.phase,
    percent,
    linesRead: p.linesRead,
    bytesRead: p.bytesRead,
    sizeBytes,
    linesRejected: p.linesRejected,
    ordersStored: p.ordersStored,
    bucketsDone: p.bucketsDone,
    buckets: p.buckets,
    ...(p.linesPerSecond !== undefined ? { linesPerSecond: p.linesPerSecond } : {}),
    ...(etaSeconds !== undefined ? { etaSeconds } : {}),
  };
}

const secondsBetween = (from: string, to: string | number) =>
  Math.max(0, ((typeof to === 'number' ? to : Date.parse(to)) - Date.parse(from)) / 1000);

/**
 * The view of an import from what is known of it. `live`: this process runs it now; a `running` one that is not
 * live and whose heartbeat is older than STALE_MS is shown as interrupted.
 */
export function importView(
  known: { job?: ImportJob; record?: ImportRecord },
  options: { now: number; live: boolean },
): ImportView {
  const { job, record } = known;
  if (!job && !record) throw new TypeError('importView needs a job or a history row');
  // The history row decides how a real import ended; the job adds the progress detail.
  const ended = record && record.status !== 'running' ? record : undefined;
  let status: ImportView['status'] = ended?.status ?? job?.status ?? record?.status ?? 'running';
  const heartbeat = Math.max(
    job ? Date.parse(job.heartbeatAt) : 0,
    record ? Date.parse(record.heartbeatAt) : 0,
  );
  const interrupted =
    (status === 'running' && !options.live && options.now - heartbeat > STALE_MS) ||
    (ended?.error?.startsWith('interrupted') ?? false);
  if (interrupted) status = 'failed';
  const base = (job ?? record) as ImportJob | ImportRecord;
  const sizeBytes = base.sizeBytes;
  const dryRun = job?.dryRun ?? false;
  // A job read from its file (saved every few seconds) can lag behind the history row (written every 2 s by the
  // process running it): the row's later phase wins, so every view of one import says the same.
  const rowAhead =
    job && record && ORDER.indexOf(record.phase) > ORDER.indexOf(job.progress.phase) ? record : undefined;
  const progress: ImportJob['progress'] = rowAhead
    ? {
        ...job!.progress,
        phase: rowAhead.phase,
        bytesRead: Math.max(job!.progress.bytesRead, rowAhead.progress.bytesRead),
        linesRead: Math.max(job!.progress.linesRead, rowAhead.progress.linesRead),
        ordersStored: Math.max(job!.progress.ordersStored, rowAhead.progress.ordersStored),
        bucketsDone: 0,
      }
    : job
      ? { ...job.progress, ...(ended?.status === 'completed' ? { phase: 'done' as const } : {}) }
      : {
          phase: record?.phase ?? 'reading',
          bytesRead: record?.progress.bytesRead ?? 0,
          linesRead: record?.progress.linesRead ?? 0,
          linesRejected: record?.summary?.linesRejected ?? 0,
          ordersStored: record?.progress.ordersStored ?? 0,
          bucketsDone: 0,
          buckets: 0,
          phaseStartedAt: record?.startedAt ?? new Date(options.now).toISOString(),
        };
  const summary = ended?.summary ?? job?.summary ?? record?.summary;
  const finishedAt = ended?.finishedAt ?? job?.finishedAt ?? record?.finishedAt;
  const error = interrupted
    ? INTERRUPTED
    : status === 'failed'
      ? (ended?.error ?? job?.error ?? record?.error)
      : undefined;
  const header = job?.header;
  return {
    importId: base.importId,
    dryRun,
    status,
    interrupted,
    fileName: base.fileName,
    sizeBytes,
    format: header?.format ?? record?.format ?? job?.format ?? 'auto',
    mapping: header?.columns ?? record?.mapping ?? {},
    ignoredColumns: header?.ignoredColumns ?? [],
    ...(base.productsFileName ? { productsFileName: base.productsFileName } : {}),
    requestedBy: base.requestedBy,
    startedAt: base.startedAt,
    ...(finishedAt ? { finishedAt, seconds: Math.round(secondsBetween(base.startedAt, finishedAt)) } : {}),
    progress: progressView(
      progress,
      sizeBytes,
      dryRun,
      status === 'running',
      secondsBetween(base.startedAt, options.now),
    ),
    ...(summary ? { summary } : {}),
    ...(job?.productRejects ? { productRejects: job.productRejects.count } : {}),
    ...(error ? { error } : {}),
    ...(summary && summary.linesRejected > 0 && status !== 'running'
      ? { rejectsUrl: `/api/v1/imports/${base.importId}/rejects` }
      : {}),
    ...(record?.finishing ? { finishing: record.finishing } : {}),
    ...(record?.analysisRunId ? { analysisRunId: record.analysisRunId } : {}),
  };
}
