import { updateImport } from './import-history';
import type { ImportRecord } from './import-record';

export interface ImportProgress {
  phase: ImportRecord['phase'];
  sizeBytes: number;
  bytesRead: number;
  linesRead: number;
  linesRejected: number;
  /** Orders written so far (not counting those already stored alike). */
  ordersStored: number;
  /** Customers done in the customers phase (profiles, consent, summaries). */
  customersDone: number;
  /** Buckets done of all, in the orders and customers phases. */
  bucketsDone: number;
  buckets: number;
}

const PROGRESS_EVERY_MS = 250; // to the caller (a progress bar)
const HISTORY_EVERY_MS = 2_000; // to the history row (the dashboard polls it)
const HEARTBEAT_MS = 10_000; // well inside the minute after which a silent import counts as interrupted

/**
 * Where an import's progress goes: to the caller (a progress bar) at most every 250 ms, and to its history row every
 * 2 s, with a heartbeat every 10 s whatever the phase (a rebuild of a large store's weeks reports no progress for a
 * while), so the history never shows a live import as interrupted. History writes go one at a time and in order, so
 * a late progress write never lands after the outcome; they are advisory, so a failed one is left for the next.
 */
export class ImportReporter {
  readonly progress: ImportProgress;
  private lastReport = 0;
  private lastSaved = 0;
  private saving: Promise<unknown> = Promise.resolve();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly importId: string,
    /** A dry run has no history row. */
    private readonly history: boolean,
    sizeBytes: number,
    buckets: number,
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {
    this.progress = {
      phase: 'reading',
      sizeBytes,
      bytesRead: 0,
      linesRead: 0,
      linesRejected: 0,
      ordersStored: 0,
      customersDone: 0,
      bucketsDone: 0,
      buckets,
    };
  }

  start(): void {
    if (!this.history) return;
    this.heartbeat = setInterval(() => this.save({}), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** A new phase, reported at once. */
  phase(phase: ImportProgress['phase']): void {
    this.progress.phase = phase;
    this.progress.bucketsDone = 0;
    this.report(true);
  }

  report(force = false): void {
    const at = performance.now();
    if (!force && at - this.lastReport < PROGRESS_EVERY_MS) return;
    this.lastReport = at;
    this.onProgress?.({ ...this.progress });
    if (!this.history || (!force && at - this.lastSaved < HISTORY_EVERY_MS)) return;
    this.lastSaved = at;
    const { phase, linesRead, bytesRead, ordersStored } = this.progress;
    this.save({ phase, progress: { linesRead, bytesRead, ordersStored } });
  }

  private save(changes: Parameters<typeof updateImport>[1]): void {
    this.saving = this.saving.then(() => updateImport(this.importId, changes)).catch(() => undefined);
  }

  /** Waits for the progress writes under way and stops the heartbeat: the outcome may be written next. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.saving;
  }
}
