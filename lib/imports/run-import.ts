import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getConfig } from '../config';
import { forgetTombstones } from '../privacy/erasure/tombstones';
import { finishImport, type FinishedImport } from './finish-import';
import { createImport, markInterrupted, updateImport } from './import-history';
import type { ImportSummary } from './import-record';
import { ImportReporter, type ImportProgress } from './import-reporter';
import { ImportTally } from './import-tally';
import type { ImportFormat, ImportHeader, RejectedLine } from './import-types';
import { RejectsFile } from './rejects-file';
import { SpillBuckets } from './spill-buckets';
import { spillOrderLines } from './spill-order-lines';
import { storeCustomerBuckets } from './store-customer-bucket';
import { storeOrderBuckets } from './store-order-bucket';

export type { ImportProgress } from './import-reporter';

export interface ImportRequest {
  ordersFile: string;
  productsFile?: string;
  format: ImportFormat | 'auto';
  /** File column → import column (`--map`). */
  map?: Map<string, string>;
  /** Validate and count everything, write nothing (no history row either). */
  dryRun: boolean;
  /** Where the rejected lines go; DATA_DIR/imports/<id>/rejects.csv by default (the temp dir for a dry run). */
  rejectsFile?: string;
  requestedBy: string;
  /** The id to use (the API answers with it before the import starts); a new one by default. */
  importId?: string;
  /** The names the history shows, when the files sit under other names (an upload); their base names by default. */
  fileName?: string;
  productsFileName?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Bytes of input per temporary bucket (tests make it small to exercise many buckets). */
  bucketBytes?: number;
}

export interface ImportResult {
  importId: string;
  dryRun: boolean;
  header?: ImportHeader;
  summary: ImportSummary;
  rejectsFile: string;
  /** Rows of the products file that could not be read, in a rejects file of their own (its line numbers). */
  productRejects?: { count: number; file: string };
  /** What happened once the orders were stored (absent on a dry run). */
  finished?: FinishedImport;
  /** Seconds of each phase. */
  timings: { reading: number; orders: number; customers: number; finishing: number };
  /** This process's peak resident memory by the end of each phase, MiB (it only grows: the phase that raised it). */
  peakRssMiB: { reading: number; orders: number; customers: number; finishing: number };
}

// A bucket of 2 MiB of input holds some 17,000 lines: a few tens of MB of objects while its orders are built and
// written (two buckets are in memory at once); 512 of them cover a 1 GiB file.
const DEFAULT_BUCKET_BYTES = 2 * 1024 * 1024;
const MAX_BUCKETS = 512;

function writeProductRejects(file: string, rejected: readonly RejectedLine[]): void {
  const out = new RejectsFile(file);
  for (const r of rejected) out.add(r);
  out.close();
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const newImportId = (now: Date) =>
  `imp_${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}_${randomBytes(3).toString('hex')}`;

/**
 * Imports an order history file (docs/import.md) in flat memory, whatever its size or the order of its rows:
 * 1. reading: the parser streams the file; valid lines are spilled into K temporary files by order id, rejected
 *    lines go to the rejects file as they come;
 * 2. orders: one bucket at a time, its lines grouped into orders, checked and written (25 per request, several
 *    requests in flight) with new products; each order's customer fact spilled into K files by customer id;
 * 3. customers: one bucket at a time, profiles for new customers, consent, summaries recomputed from the orders;
 * 4. finishing: the Overview's weeks rebuilt, RFM segments recomputed, an analysis run queued (finish-import.ts).
 * Nothing is published per order: this is history, not live traffic. Writes are idempotent by key and orders
 * already stored alike are not written again, so a second run adds nothing and a killed run, run again, finishes.
 */
export async function runImport(request: ImportRequest): Promise<ImportResult> {
  const started = performance.now();
  const config = getConfig();
  const now = new Date();
  const importId = request.importId ?? newImportId(now);
  const sizeBytes = fs.statSync(request.ordersFile).size;
  const home = path.join(request.dryRun ? os.tmpdir() : config.dataDir, 'imports', importId);
  const workDir = path.join(home, 'work');
  const rejectsPath = path.resolve(request.rejectsFile ?? path.join(home, 'rejects.csv'));
  const buckets = Math.min(
    MAX_BUCKETS,
    Math.max(1, Math.ceil(sizeBytes / (request.bucketBytes ?? DEFAULT_BUCKET_BYTES))),
  );
  const reporter = new ImportReporter(importId, !request.dryRun, sizeBytes, buckets, request.onProgress);
  const { progress } = reporter;

  if (!request.dryRun) {
    for (const id of await markInterrupted(now))
      fs.rmSync(path.join(config.dataDir, 'imports', id, 'work'), { recursive: true, force: true });
    await createImport({
      importId,
      kind: 'import',
      fileName: request.fileName ?? path.basename(request.ordersFile),
      sizeBytes,
      sha256: await sha256Of(request.ordersFile),
      format: request.format,
      mapping: Object.fromEntries(request.map ?? []),
      ...(request.productsFile
        ? { productsFileName: request.productsFileName ?? path.basename(request.productsFile) }
        : {}),
      status: 'running',
      phase: 'reading',
      startedAt: now.toISOString(),
      heartbeatAt: now.toISOString(),
      requestedBy: request.requestedBy,
      host: os.hostname(),
      pid: process.pid,
      progress: { linesRead: 0, bytesRead: 0, ordersStored: 0 },
      rejectsFile: rejectsPath,
    });
  }

  reporter.start();
  forgetTombstones(); // the erasure checks start from the store's tombstones as they are now
  const rejects = new RejectsFile(rejectsPath);
  const tally = new ImportTally(rejects);
  const timings = { reading: 0, orders: 0, customers: 0, finishing: 0 };
  const peakRssMiB = { reading: 0, orders: 0, customers: 0, finishing: 0 };
  const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
  const lap = (() => {
    let at = performance.now();
    return () => {
      const seconds = (performance.now() - at) / 1000;
      at = performance.now();
      return seconds;
    };
  })();
  let header: ImportHeader | undefined;
  let productRejects: RejectedLine[] = [];
  const productsRejectsPath = rejectsPath.replace(/(\.csv)?$/, '.products.csv');
  try {
    // 1. Reading: valid lines into buckets by order id, rejected lines to the rejects file.
    const orderBuckets = new SpillBuckets(workDir, buckets, 'orders');
    try {
      ({ productRejects } = await spillOrderLines(request, orderBuckets, tally, progress, {
        onHeader: async (read) => {
          header = read;
          if (!request.dryRun) await updateImport(importId, { format: read.format, mapping: read.columns });
        },
        onLine: () => reporter.report(),
      }));
    } finally {
      orderBuckets.close();
    }
    if (productRejects.length) writeProductRejects(productsRejectsPath, productRejects);
    timings.reading = lap();
    peakRssMiB.reading = peak();

    // 2. Orders, a bucket at a time; their customer facts into buckets by customer id.
    reporter.phase('orders');
    const customerBuckets = new SpillBuckets(workDir, buckets, 'customers');
    try {
      await storeOrderBuckets(
        orderBuckets,
        {
          tally,
          dryRun: request.dryRun,
          skus: new Set(),
          onCustomer: (fact) => customerBuckets.add(fact.customerId, fact),
        },
        (done, stored) => {
          Object.assign(progress, {
            bucketsDone: done,
            ordersStored: stored,
            linesRejected: tally.linesRejected,
          });
          reporter.report();
        },
      );
    } finally {
      customerBuckets.close();
    }
    timings.orders = lap();
    peakRssMiB.orders = peak();

    // 3. Customers, a bucket at a time (every order of the file is stored by now).
    reporter.phase('customers');
    await storeCustomerBuckets(
      customerBuckets,
      { tally, dryRun: request.dryRun, actor: `system:import:${importId}` },
      (done) => {
        Object.assign(progress, { bucketsDone: done, customersDone: tally.customers });
        reporter.report();
      },
    );
    timings.customers = lap();
    peakRssMiB.customers = peak();
    rejects.close();

    // 4. What a backfill changes beyond its rows.
    let finished: FinishedImport | undefined;
    if (!request.dryRun) {
      reporter.phase('finishing');
      finished = await finishImport(importId, request.requestedBy);
    }
    timings.finishing = lap();
    peakRssMiB.finishing = peak();
    reporter.phase('done');

    const summary = tally.summary((performance.now() - started) / 1000);
    await reporter.stop();
    if (!request.dryRun)
      await updateImport(importId, {
        status: 'completed',
        phase: 'done',
        finishedAt: new Date().toISOString(),
        progress: {
          linesRead: progress.linesRead,
          bytesRead: sizeBytes,
          ordersStored: progress.ordersStored,
        },
        summary,
        ...(finished?.analysisRunId ? { analysisRunId: finished.analysisRunId } : {}),
        ...(finished
          ? {
              finishing: {
                weeks: finished.weeks.weeks,
                scored: finished.segments.scored,
                changed: finished.segments.changed,
                refused: finished.segments.refused,
              },
            }
          : {}),
      });
    return {
      importId,
      dryRun: request.dryRun,
      header,
      summary,
      rejectsFile: rejectsPath,
      ...(productRejects.length
        ? { productRejects: { count: productRejects.length, file: productsRejectsPath } }
        : {}),
      finished,
      timings,
      peakRssMiB,
    };
  } catch (error) {
    rejects.close();
    await reporter.stop();
    if (!request.dryRun)
      await updateImport(importId, {
        status: 'failed',
        finishedAt: new Date().toISOString(),
        error: (error as Error).message.slice(0, 1000),
        summary: tally.summary((performance.now() - started) / 1000),
      }).catch(() => undefined);
    throw error;
  } finally {
    await reporter.stop();
    // The rejects file stays (a dry run's too: it is the point of one); the temporary buckets go.
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
