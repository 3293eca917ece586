import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { importSummarySchema } from './import-record';
import { importDir } from './import-uploads';

/**
 * An import or dry run started over the API, as this web process runs it: its progress, kept in memory while it runs
 * and written to DATA_DIR/imports/<importId>/job.json (every few seconds and at the end), so its report outlives the
 * process and a dry run, which leaves no history row, can still be read. The import history (`imports`) stays the
 * record of real imports; this adds what the page shows while one runs (buckets, lines/s) and dry runs.
 */
export const IMPORT_ID_PATTERN = /^imp_[A-Za-z0-9_]{6,64}$/;

const phaseSchema = z.enum(['reading', 'orders', 'customers', 'finishing', 'done']);

export const importJobSchema = z.object({
  importId: z.string().regex(IMPORT_ID_PATTERN),
  dryRun: z.boolean(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  format: z.string(),
  /** File column → import column, as asked (`map`). */
  map: z.record(z.string(), z.string()),
  productsFileName: z.string().optional(),
  requestedBy: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Written with every save: a `running` job silent for long belonged to a process that stopped. */
  heartbeatAt: z.string(),
  progress: z.object({
    phase: phaseSchema,
    bytesRead: z.number().int().nonnegative(),
    linesRead: z.number().int().nonnegative(),
    linesRejected: z.number().int().nonnegative(),
    ordersStored: z.number().int().nonnegative(),
    bucketsDone: z.number().int().nonnegative(),
    buckets: z.number().int().nonnegative(),
    /** When the current phase began (ISO), for its share of the time. */
    phaseStartedAt: z.string(),
    /** Lines read per second while reading (the rate it ended at, afterwards). */
    linesPerSecond: z.number().nonnegative().optional(),
  }),
  /** How the file was read: format, import column → file column, ignored columns, delimiter. */
  header: z
    .object({
      format: z.string(),
      columns: z.record(z.string(), z.string()),
      ignoredColumns: z.array(z.string()),
      delimiter: z.string().optional(),
    })
    .optional(),
  summary: importSummarySchema.optional(),
  rejectsFile: z.string(),
  productRejects: z.object({ count: z.number().int().nonnegative(), file: z.string() }).optional(),
  error: z.string().optional(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

const jobFile = (importId: string) => path.join(importDir(importId), 'job.json');

/** Writes the job's file (through a temporary file, so a reader never sees half of it). */
export function saveJob(job: ImportJob): void {
  const file = jobFile(job.importId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ ...job, heartbeatAt: new Date().toISOString() }));
  fs.renameSync(temporary, file);
}

export function readJobFile(importId: string): ImportJob | undefined {
  if (!IMPORT_ID_PATTERN.test(importId)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(jobFile(importId), 'utf8');
  } catch {
    return undefined;
  }
  return importJobSchema.parse(JSON.parse(text));
}

interface Registry {
  /** Jobs this process is running, by id (their freshest progress). */
  running: Map<string, ImportJob>;
  /** The one job this process may run at a time: taken before a job starts, so two requests cannot both start. */
  slot: string | undefined;
}

// On globalThis: Next may load this module once per route bundle, and every route must see the same jobs.
const holder = globalThis as typeof globalThis & { __customerPulseImportJobs?: Registry };
export const registry: Registry = (holder.__customerPulseImportJobs ??= {
  running: new Map(),
  slot: undefined,
});

/** The job with the freshest progress: this process's, else its file. */
export const findJob = (importId: string): ImportJob | undefined =>
  registry.running.get(importId) ?? readJobFile(importId);
