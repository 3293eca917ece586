import fs from 'node:fs';
import path from 'node:path';
import { getConfig } from '../config';
import { conflict, DomainError, invalid } from '../errors/domain-error';
import { findJob, registry, saveJob, type ImportJob } from './import-job';
import { listImports } from './import-history';
import type { ImportFormat } from './import-types';
import { displayName, getUpload, importDir, newImportId, sweepImportFiles } from './import-uploads';
import { importView, STALE_MS, type ImportView } from './import-view';
import { checkImportFile } from './preview-import';
import { receiveFile } from './receive-file';
import { runImport, type ImportProgress } from './run-import';

export interface StartImportInput {
  /** The orders file: an earlier upload's id, or the request body itself (streamed to disk). */
  orders: {
    uploadId?: string;
    body: ReadableStream<Uint8Array> | null;
    declaredBytes?: number;
    name?: string;
  };
  productsUploadId?: string;
  format: ImportFormat | 'auto';
  map: Map<string, string>;
  dryRun: boolean;
  requestedBy: string;
}

export interface StartedImport {
  job: ImportJob;
  /** The job as the API shows it (running, nothing read yet). */
  view: ImportView;
  /** Runs the import to its end (never throws: the outcome is in the job and the history). */
  run: () => Promise<void>;
}

const SAVE_EVERY_MS = 2_000;

/** 409 while this process runs an import, or another process's import is alive (its heartbeat fresh). */
async function ensureNoneRunning(): Promise<void> {
  if (registry.slot) {
    const job = findJob(registry.slot);
    throw conflict(
      `Import ${registry.slot}${job ? ` (${job.fileName})` : ''} is still running; one import or dry run runs at a time. Wait for it to finish.`,
    );
  }
  const { imports } = await listImports(10);
  const alive = imports.find(
    (r) => r.status === 'running' && Date.now() - Date.parse(r.heartbeatAt) < STALE_MS,
  );
  if (alive)
    throw conflict(
      `Import ${alive.importId} (${alive.fileName}) is running in another process; one import runs at a time. Wait for it to finish.`,
    );
}

function takeSlot(importId: string): void {
  if (registry.slot) throw conflict(`Import ${registry.slot} is still running; one import runs at a time.`);
  registry.slot = importId;
}

/**
 * Starts an import (or a dry run) of an order file in this process: receives the file when it is the request body,
 * checks its header as the import will read it (a bad file is a 400 now, not a failed import later), records the job
 * and returns it with `run`, which the caller starts once it has answered. One at a time per process; a running
 * import of another process (the CLI) refuses it too.
 */
export async function startImport(input: StartImportInput): Promise<StartedImport> {
  await ensureNoneRunning();
  sweepImportFiles();
  const config = getConfig();
  const importId = newImportId();
  const dir = importDir(importId);
  let ordersFile: string;
  let fileName: string;
  let sizeBytes: number;
  let ownsFile = false;
  if (input.orders.uploadId) {
    if (input.orders.body)
      throw invalid('Send the orders file as the request body or name an upload (?upload=…), not both.');
    const upload = getUpload(input.orders.uploadId, 'orders file');
    ordersFile = upload.file;
    fileName = upload.name;
    sizeBytes = upload.sizeBytes;
  } else {
    ordersFile = path.join(dir, 'upload');
    sizeBytes = await receiveFile(input.orders.body, ordersFile, {
      maxBytes: config.IMPORT_MAX_BYTES,
      declaredBytes: input.orders.declaredBytes,
      what: 'orders file',
    });
    fileName = displayName(input.orders.name, 'orders file');
    ownsFile = true;
  }
  try {
    const products = input.productsUploadId ? getUpload(input.productsUploadId, 'products file') : undefined;
    const header = await checkImportFile(ordersFile, {
      format: input.format,
      map: input.map,
      productsUploadId: input.productsUploadId,
    });
    takeSlot(importId);
    const now = new Date().toISOString();
    const job: ImportJob = {
      importId,
      dryRun: input.dryRun,
      fileName,
      sizeBytes,
      format: input.format,
      map: Object.fromEntries(input.map),
      ...(products ? { productsFileName: products.name } : {}),
      requestedBy: input.requestedBy,
      status: 'running',
      startedAt: now,
      heartbeatAt: now,
      progress: {
        phase: 'reading',
        bytesRead: 0,
        linesRead: 0,
        linesRejected: 0,
        ordersStored: 0,
        bucketsDone: 0,
        buckets: 0,
        phaseStartedAt: now,
      },
      header,
      rejectsFile: path.join(dir, 'rejects.csv'),
    };
    saveJob(job);
    registry.running.set(importId, job);
    return {
      job,
      view: importView({ job }, { now: Date.now(), live: true }),
      run: () => runJob(job, { ordersFile, productsFile: products?.file, ownsFile, map: input.map }),
    };
  } catch (error) {
    if (registry.slot === importId) registry.slot = undefined;
    if (ownsFile) fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function runJob(
  job: ImportJob,
  files: { ordersFile: string; productsFile?: string; ownsFile: boolean; map: Map<string, string> },
): Promise<void> {
  let lastSaved = Date.now();
  let readingFrom: { at: number; lines: number } | undefined;
  const onProgress = (p: ImportProgress) => {
    const now = Date.now();
    const leftReading = job.progress.phase === 'reading' && p.phase !== 'reading';
    if (p.phase !== job.progress.phase) job.progress.phaseStartedAt = new Date(now).toISOString();
    if (p.phase === 'reading') {
      // Measured from the first report: the file's checksum, before reading, is not reading.
      readingFrom ??= { at: now, lines: p.linesRead };
      const seconds = (now - readingFrom.at) / 1000;
      if (seconds >= 0.5)
        job.progress.linesPerSecond = Math.round((p.linesRead - readingFrom.lines) / seconds);
    } else if (leftReading && job.progress.linesPerSecond === undefined) {
      // Read in less than half a second: the rate over the whole of it, from the start.
      const seconds = Math.max(0.05, (now - Date.parse(job.startedAt)) / 1000);
      job.progress.linesPerSecond = Math.round(p.linesRead / seconds);
    }
    Object.assign(job.progress, {
      phase: p.phase,
      bytesRead: p.bytesRead,
      linesRead: p.linesRead,
      linesRejected: p.linesRejected,
      ordersStored: p.ordersStored,
      bucketsDone: p.bucketsDone,
      buckets: p.buckets,
    });
    job.heartbeatAt = new Date(now).toISOString();
    if (now - lastSaved >= SAVE_EVERY_MS) {
      lastSaved = now;
      try {
        saveJob(job);
      } catch {
        // advisory: the next save or the final one writes it
      }
    }
  };
  try {
    const result = await runImport({
      importId: job.importId,
      ordersFile: files.ordersFile,
      fileName: job.fileName,
      productsFile: files.productsFile,
      productsFileName: job.productsFileName,
      format: job.format as ImportFormat | 'auto',
      map: files.map,
      dryRun: job.dryRun,
      rejectsFile: job.rejectsFile,
      requestedBy: job.requestedBy,
      onProgress,
    });
    job.status = 'completed';
    job.summary = result.summary;
    if (result.header) job.header = result.header;
    if (result.productRejects) job.productRejects = result.productRejects;
    job.progress.phase = 'done';
    job.progress.linesRead = result.summary.lines;
    job.progress.linesRejected = result.summary.linesRejected;
    job.progress.bytesRead = job.sizeBytes;
  } catch (error) {
    job.status = 'failed';
    job.error =
      error instanceof DomainError
        ? error.message
        : `The import stopped: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
    console.error(`[import ${job.importId}]`, error);
  } finally {
    job.finishedAt = new Date().toISOString();
    try {
      saveJob(job);
    } catch (error) {
      console.error(`[import ${job.importId}] could not save its report`, error);
    }
    registry.running.delete(job.importId);
    if (registry.slot === job.importId) registry.slot = undefined;
    // A file sent as the body is this import's alone; an upload stays for its next use (swept after a day).
    if (files.ownsFile) fs.rmSync(files.ordersFile, { force: true });
  }
}
