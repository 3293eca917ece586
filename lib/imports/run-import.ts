import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { getConfig } from '../config';
import { SpillBuckets } from './spill-buckets';
import { createImport, markInterrupted, updateImport } from './import-history';
import type { ImportRecord, ImportSummary } from './import-record';
import type { ImportFormat, ImportHeader, ImportLine, RejectedLine } from './import-types';
import { ImportTally } from './import-tally';
import { RejectsFile } from './rejects-file';
import { readImportLines } from './read-import-lines';
import { readProducts } from './read-products';
import type { CustomerFact } from './build-order';
import { prepareOrderBucket, writeOrderBucket } from './store-order-bucket';
import { storeCustomerBucket } from './store-customer-bucket';
import { finishImport, type FinishedImport } from './finish-import';
import { keyedEmailCustomerId } from './keyed-email-id';
import { forgetTombstones } from '../privacy/erasure/tombstones';

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

export interface ImportProgress {
  phase: ImportRecord['phase'];
  sizeBytes: number;
  bytesRead: number;
  linesRead: number;
  linesRejected: number;
  /** Orders written so far (not counting those already stored alike). */
  ordersStored: number;
  /** Buckets done of all, in the orders and customers phases. */
  bucketsDone: number;
  buckets: number;
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
}

// A bucket of 2 MiB of input holds some 17,000 lines: a few tens of MB of objects while its orders are built and
// written (two buckets are in memory at once); 512 of them cover a 1 GiB file.
const DEFAULT_BUCKET_BYTES = 2 * 1024 * 1024;
const MAX_BUCKETS = 512;
const PROGRESS_EVERY_MS = 250; // to the caller (a progress bar)
const HISTORY_EVERY_MS = 2_000; // to the history row (the dashboard polls it)

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
  const progress: ImportProgress = {
    phase: 'reading',
    sizeBytes,
    bytesRead: 0,
    linesRead: 0,
    linesRejected: 0,
    ordersStored: 0,
    bucketsDone: 0,
    buckets,
  };
  let lastReport = 0;
  let lastSaved = 0;
  let saving: Promise<unknown> = Promise.resolve();
  const report = (force = false) => {
    const at = performance.now();
    if (!force && at - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = at;
    request.onProgress?.({ ...progress });
    if (request.dryRun || (!force && at - lastSaved < HISTORY_EVERY_MS)) return;
    lastSaved = at;
    const saved = {
      phase: progress.phase,
      progress: {
        linesRead: progress.linesRead,
        bytesRead: progress.bytesRead,
        ordersStored: progress.ordersStored,
      },
    };
    // One at a time and in order, so a late progress write never lands after the outcome; advisory, so a failure
    // is left for the next one.
    saving = saving.then(() => updateImport(importId, saved)).catch(() => undefined);
  };

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

  forgetTombstones(); // the erasure checks start from the store's tombstones as they are now
  const rejects = new RejectsFile(rejectsPath);
  const tally = new ImportTally(rejects);
  const timings = { reading: 0, orders: 0, customers: 0, finishing: 0 };
  let header: ImportHeader | undefined;
  let productRejects: RejectedLine[] = [];
  const productsRejectsPath = rejectsPath.replace(/(\.csv)?$/, '.products.csv');
  try {
    // 1. Reading.
    let phaseStart = performance.now();
    const orderBuckets = new SpillBuckets(workDir, buckets, 'orders');
    try {
      const productsFile = request.productsFile
        ? await readProducts(fs.createReadStream(request.productsFile))
        : undefined;
      const products = productsFile?.products;
      productRejects = productsFile?.rejected ?? [];
      if (productRejects.length) writeProductRejects(productsRejectsPath, productRejects);
      // Counted as the parser pulls, so the file is read no faster than it is parsed (no 'data' listener).
      async function* counted(): AsyncGenerator<Buffer> {
        for await (const chunk of fs.createReadStream(request.ordersFile, { highWaterMark: 256 * 1024 })) {
          progress.bytesRead += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      }
      for await (const item of readImportLines(Readable.from(counted(), { objectMode: false }), {
        format: request.format,
        map: request.map,
        storeCurrency: config.STORE_CURRENCY,
        storeTimeZone: config.STORE_TIMEZONE,
        products,
        customerIdForEmail: keyedEmailCustomerId,
      })) {
        if (item.kind === 'header') {
          header = item.header;
          if (!request.dryRun)
            await updateImport(importId, { format: item.header.format, mapping: item.header.columns });
          continue;
        }
        progress.linesRead++;
        tally.lines++;
        if (item.kind === 'line') orderBuckets.add(item.line.orderId, item.line);
        else tally.reject(item.rejected);
        progress.linesRejected = tally.linesRejected;
        report();
      }
    } finally {
      orderBuckets.close();
    }
    timings.reading = (performance.now() - phaseStart) / 1000;

    // 2. Orders, a bucket at a time.
    phaseStart = performance.now();
    progress.phase = 'orders';
    progress.bucketsDone = 0;
    report(true);
    const customerBuckets = new SpillBuckets(workDir, buckets, 'customers');
    const skus = new Set<string>();
    // Two stages: while one bucket's orders are written, the next is read, built and checked (its reads overlap
    // the writes), so the store is never idle waiting for this process to compute. At most two buckets in memory.
    let writing: Promise<void> | undefined;
    let writeFailed: { error: unknown } | undefined;
    const written = async () => {
      await writing;
      if (writeFailed) throw writeFailed.error;
    };
    try {
      for (let b = 0; b < buckets; b++) {
        const file = orderBuckets.file(b);
        const prepared = await prepareOrderBucket(SpillBuckets.read<ImportLine>(file), {
          tally,
          dryRun: request.dryRun,
          skus,
          onCustomer: (fact) => customerBuckets.add(fact.customerId, fact),
        });
        fs.rmSync(file, { force: true });
        await written();
        progress.bucketsDone = b;
        // Caught at once and rethrown by written(): a write failing while the next bucket is prepared must not
        // go unhandled.
        writing = request.dryRun
          ? undefined
          : writeOrderBucket(prepared, tally).then(
              () => void (progress.ordersStored += prepared.orders.length),
              (error: unknown) => void (writeFailed = { error }),
            );
        progress.linesRejected = tally.linesRejected;
        report();
      }
      await written();
      progress.bucketsDone = buckets;
    } finally {
      await writing; // never rejects (see above): nothing is left writing when the customers pass or a failure begins
      customerBuckets.close();
    }
    timings.orders = (performance.now() - phaseStart) / 1000;

    // 3. Customers, a bucket at a time (every order of the file is stored by now).
    phaseStart = performance.now();
    progress.phase = 'customers';
    progress.bucketsDone = 0;
    report(true);
    for (let b = 0; b < buckets; b++) {
      const file = customerBuckets.file(b);
      await storeCustomerBucket(SpillBuckets.read<CustomerFact>(file), {
        tally,
        dryRun: request.dryRun,
        actor: `system:import:${importId}`,
      });
      fs.rmSync(file, { force: true });
      progress.bucketsDone = b + 1;
      report();
    }
    timings.customers = (performance.now() - phaseStart) / 1000;
    rejects.close();

    // 4. What a backfill changes beyond its rows.
    phaseStart = performance.now();
    let finished: FinishedImport | undefined;
    if (!request.dryRun) {
      progress.phase = 'finishing';
      report(true);
      finished = await finishImport(importId, request.requestedBy);
    }
    timings.finishing = (performance.now() - phaseStart) / 1000;
    progress.phase = 'done';
    report(true);

    const summary = tally.summary((performance.now() - started) / 1000);
    await saving;
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
    };
  } catch (error) {
    rejects.close();
    await saving;
    if (!request.dryRun)
      await updateImport(importId, {
        status: 'failed',
        finishedAt: new Date().toISOString(),
        error: (error as Error).message.slice(0, 1000),
        summary: tally.summary((performance.now() - started) / 1000),
      }).catch(() => undefined);
    throw error;
  } finally {
    // The rejects file stays (a dry run's too: it is the point of one); the temporary buckets go.
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
