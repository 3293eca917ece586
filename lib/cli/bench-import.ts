import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openStack } from '../aws/stack';
import { getConfig, resetConfig } from '../config';
import { sampleCsvChunks, type SampleSummary } from '../imports/generate-sample';
import { readImportLines } from '../imports/read-import-lines';
import type { ImportResult } from '../imports/run-import';
import type { Order } from '../orders/order';
import { putOrders } from '../orders/put-orders';
import { scanOrders } from '../orders/scan-orders';
import { buildOrder } from '../imports/build-order';
import type { ImportLine } from '../imports/import-types';
import { keyedEmailCustomerId } from '../imports/keyed-email-id';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';

const n = (v: number) => Math.round(v).toLocaleString('en');
/** Rows per order in the sample (measured: 3.07 at 1,000 orders, 3.12 at 10,000). */
const ROWS_PER_ORDER = 3.12;
/** Orders per putOrders call of the raw writer: about one import bucket's worth. */
const RAW_CHUNK = 5_000;

/** Runs a CLI of this project as its own process (attached to this process's store); resolves with its stdout. */
function runChild(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}: ${out.slice(-500)}`)),
    );
  });
}

const lastJson = <T>(out: string): T => JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T;

function writeSample(file: string, orders: number): SampleSummary {
  const fd = fs.openSync(file, 'w');
  try {
    const chunks = sampleCsvChunks({ seed: 'bench', orders });
    for (let next = chunks.next(); ; next = chunks.next()) {
      if (next.done) return next.value;
      fs.writeSync(fd, next.value);
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function parseOnly(file: string): Promise<{ lines: number; seconds: number }> {
  const started = performance.now();
  let lines = 0;
  const config = getConfig();
  for await (const item of readImportLines(Readable.from(fs.createReadStream(file)), {
    format: 'auto',
    storeCurrency: config.STORE_CURRENCY,
    storeTimeZone: config.STORE_TIMEZONE,
    customerIdForEmail: (email) => `em_${email.length}`,
  }))
    if (item.kind !== 'header') lines++;
  return { lines, seconds: (performance.now() - started) / 1000 };
}

/** The orders of the file as the import builds them (the pure rules; all in memory: a benchmark's child only). */
async function ordersOfFile(file: string): Promise<Order[]> {
  const config = getConfig();
  const byOrder = new Map<string, ImportLine[]>();
  for await (const item of readImportLines(Readable.from(fs.createReadStream(file)), {
    format: 'auto',
    storeCurrency: config.STORE_CURRENCY,
    storeTimeZone: config.STORE_TIMEZONE,
    customerIdForEmail: keyedEmailCustomerId,
  })) {
    if (item.kind !== 'line') continue;
    const lines = byOrder.get(item.line.orderId);
    if (lines) lines.push(item.line);
    else byOrder.set(item.line.orderId, [item.line]);
  }
  const orders: Order[] = [];
  for (const [id, lines] of byOrder) {
    const built = buildOrder(lines);
    if (built.ok) orders.push(built.order);
    byOrder.delete(id);
  }
  return orders;
}

/** The orders the import stored, read back whole. */
async function ordersOfStore(): Promise<Order[]> {
  const orders: Order[] = [];
  for await (const page of scanOrders()) orders.push(...page);
  return orders;
}

/**
 * The raw baseline, in its own process like the import: the same orders written with lib/db's batchPut (through
 * putOrders: 25 per BatchWriteItem, 6 in flight) into a fresh set of tables in the same store (TABLE_PREFIX given),
 * timed from the first write to the last. Measured before the import (orders built from the file) and after it
 * (read back from the store), so a change of load on the machine during the run shows as two different figures.
 */
async function rawWriter(source: string, prefix: string): Promise<void> {
  const stack = await openStack();
  try {
    const orders = source === 'store' ? await ordersOfStore() : await ordersOfFile(source);
    process.env.TABLE_PREFIX = prefix;
    resetConfig();
    await prepareStore();
    const started = performance.now();
    for (let i = 0; i < orders.length; i += RAW_CHUNK) await putOrders(orders.slice(i, i + RAW_CHUNK));
    console.log(JSON.stringify({ orders: orders.length, seconds: (performance.now() - started) / 1000 }));
  } finally {
    await stack.close();
  }
}

/**
 * npm run bench:import -- [--lines N]: H2a's messy sample of about N lines written to a temp file; the parser alone
 * over it; then `npm run import` of it as its own process into a fresh embedded store this process runs (as with
 * npm start), and, measured in the same run, before and after it, the same orders written raw (batchPut) into fresh
 * tables of that store.
 * Prints lines/s parsed and stored, the ratio to raw, and the import's peak memory. Asserts nothing.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '100000' },
      'raw-writer': { type: 'string' },
      prefix: { type: 'string', default: 'raw_' },
      keep: { type: 'boolean', default: false },
    },
  });
  if (values['raw-writer']) return rawWriter(values['raw-writer'], values.prefix);
  const lines = Number(values.lines);
  if (!Number.isInteger(lines) || lines < 100 || lines > 50_000_000)
    throw new UsageError('--lines must be a whole number from 100 to 50000000.');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-import-'));
  const file = path.join(dir, 'orders.csv');
  let started = performance.now();
  const expected = writeSample(file, Math.max(1, Math.round(lines / ROWS_PER_ORDER)));
  const generateSeconds = (performance.now() - started) / 1000;
  const size = fs.statSync(file).size;
  const parsed = await parseOnly(file);

  const dataDir = path.join(dir, 'data');
  Object.assign(process.env, { EMBEDDED: 'true', DATA_DIR: dataDir });
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  delete process.env.AWS_ENDPOINT_URL_KINESIS;
  resetConfig();
  const stack = await openStack({ own: true });
  try {
    await prepareStore();
    type Raw = { orders: number; seconds: number };
    const rawChild = (source: string, prefix: string) =>
      runChild('lib/cli/bench-import.ts', ['--raw-writer', source, '--prefix', prefix], {
        NODE_OPTIONS: '--max-old-space-size=4096', // it holds every order at once; the import does not
      }).then((out) => lastJson<Raw>(out));
    const rawBefore = await rawChild(file, 'raw1_');
    started = performance.now();
    const imported = lastJson<ImportResult>(
      // With the heap cap `npm run import` sets (package.json): what a user's import is measured as.
      await runChild('lib/cli/import.ts', ['--orders', file, '--json'], {}, ['--max-old-space-size=256']),
    );
    const importSeconds = (performance.now() - started) / 1000;
    const rawAfter = await rawChild('store', 'raw2_');
    const raw = { orders: rawBefore.orders + rawAfter.orders, seconds: rawBefore.seconds + rawAfter.seconds };
    const s = imported.summary;
    const t = imported.timings;
    const importOrdersPerSecond = s.orders / t.orders;
    const rawOrdersPerSecond = raw.orders / raw.seconds;
    const rows: [string, string][] = [
      [
        'file',
        `${n(expected.rows)} lines, ${(size / 1024 / 1024).toFixed(1)} MiB (generated in ${generateSeconds.toFixed(1)} s)`,
      ],
      ['parsed only', `${parsed.seconds.toFixed(1)} s, ${n(parsed.lines / parsed.seconds)} lines/s`],
      [
        'imported',
        `${n(s.orders)} orders, ${n(s.customers)} customers, ${n(s.linesRejected)} lines rejected; expected ${n(expected.orders)} / ${n(expected.customers)} / ${n(expected.rejected)}`,
      ],
      ['  reading (parse + spill)', `${t.reading.toFixed(1)} s, ${n(s.lines / t.reading)} lines/s`],
      [
        '  orders (build + store)',
        `${t.orders.toFixed(1)} s, ${n(s.linesImported / t.orders)} lines/s, ${n(importOrdersPerSecond)} orders/s`,
      ],
      [
        '  customers (profiles, consent, summaries)',
        `${t.customers.toFixed(1)} s, ${n(s.customers / t.customers)} customers/s`,
      ],
      ['  finishing (weeks, segments, run)', `${t.finishing.toFixed(1)} s`],
      [
        '  whole import (process start to exit)',
        `${importSeconds.toFixed(1)} s, ${n(s.lines / importSeconds)} lines/s`,
      ],
      [
        'raw batchPut of the same orders',
        `${n(rawOrdersPerSecond)} orders/s (before the import ${n(rawBefore.orders / rawBefore.seconds)}, after ${n(rawAfter.orders / rawAfter.seconds)})`,
      ],
      [
        'ratio orders/s, import ÷ raw',
        `${(importOrdersPerSecond / rawOrdersPerSecond).toFixed(2)} (target ≥ 0.7)`,
      ],
      [
        'peak resident memory, import',
        `${n(imported.peakRssMiB.finishing)} MiB (by the end of reading ${n(imported.peakRssMiB.reading)}, orders ${n(imported.peakRssMiB.orders)}, customers ${n(imported.peakRssMiB.customers)})`,
      ],
      [
        'peak resident memory, store',
        `${n(process.resourceUsage().maxRSS / 1024)} MiB (this process: dynalite, kinesalite)`,
      ],
    ];
    console.log(
      `\nimport benchmark (sample seed "bench", ${os.cpus().length} cores, Node ${process.version})`,
    );
    for (const [k, v] of rows) console.log(`  ${k.padEnd(44)} ${v}`);
  } finally {
    await stack.close();
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
});
