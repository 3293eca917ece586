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
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';

const n = (v: number) => Math.round(v).toLocaleString('en');
/** Rows per order in the sample (measured: 3.07 at 1,000 orders, 3.12 at 10,000). */
const ROWS_PER_ORDER = 3.12;
/** Orders per putOrders call of the raw writer: about one import bucket's worth. */
const RAW_CHUNK = 5_000;

/** Runs a CLI of this project as its own process (attached to this process's store); resolves with its stdout. */
function runChild(script: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
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

/**
 * The raw baseline, in its own process like the import: the orders the import stored, read back whole, then written
 * again with lib/db's batchPut (through putOrders: 25 per BatchWriteItem, 6 in flight) into a fresh set of tables
 * in the same store (TABLE_PREFIX raw_), timed from the first write to the last.
 */
async function rawWriter(): Promise<void> {
  const stack = await openStack();
  try {
    const spill = path.join(getConfig().dataDir, 'raw-orders.ndjson');
    const fd = fs.openSync(spill, 'w');
    let orders = 0;
    for await (const page of scanOrders()) {
      fs.writeSync(fd, page.map((o) => JSON.stringify(o)).join('\n') + '\n');
      orders += page.length;
    }
    fs.closeSync(fd);
    process.env.TABLE_PREFIX = 'raw_';
    resetConfig();
    await prepareStore();
    let seconds = 0;
    let chunk: Order[] = [];
    const write = async () => {
      const started = performance.now();
      await putOrders(chunk);
      seconds += (performance.now() - started) / 1000;
      chunk = [];
    };
    for (const line of fs.readFileSync(spill, 'utf8').split('\n')) {
      if (!line) continue;
      chunk.push(JSON.parse(line) as Order);
      if (chunk.length >= RAW_CHUNK) await write();
    }
    if (chunk.length) await write();
    fs.rmSync(spill, { force: true });
    console.log(JSON.stringify({ orders, seconds }));
  } finally {
    await stack.close();
  }
}

/**
 * npm run bench:import -- [--lines N]: H2a's messy sample of about N lines written to a temp file; the parser alone
 * over it; then `npm run import` of it as its own process into a fresh embedded store this process runs (as with
 * npm start), and, measured in the same run, the same orders written raw (batchPut) into fresh tables of that store.
 * Prints lines/s parsed and stored, the ratio to raw, and the import's peak memory. Asserts nothing.
 */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '100000' },
      'raw-writer': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  if (values['raw-writer']) return rawWriter();
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
    started = performance.now();
    const imported = lastJson<ImportResult & { peakRssMiB: number }>(
      await runChild('lib/cli/import.ts', ['--orders', file, '--json']),
    );
    const importSeconds = (performance.now() - started) / 1000;
    const raw = lastJson<{ orders: number; seconds: number }>(
      await runChild('lib/cli/bench-import.ts', ['--raw-writer']),
    );
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
      ['raw batchPut of the same orders', `${raw.seconds.toFixed(1)} s, ${n(rawOrdersPerSecond)} orders/s`],
      [
        'ratio orders/s, import ÷ raw',
        `${(importOrdersPerSecond / rawOrdersPerSecond).toFixed(2)} (target ≥ 0.7)`,
      ],
      ['peak resident memory, import', `${n(imported.peakRssMiB)} MiB`],
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
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
});
