import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openStack } from '../aws/stack';
import { getConfig } from '../config';
import { DomainError } from '../errors/domain-error';
import type { ImportFormat } from '../imports/import-types';
import { runImport } from '../imports/run-import';
import { readRejectExamples } from '../imports/reject-examples';
import { summaryLines } from '../imports/summary-lines';
import { closeEventPublisher } from '../kinesis/producer';
import { ImportMeter } from './import-progress';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';

const HELP = `Usage: npm run import -- --orders FILE [--products FILE] [--format auto|canonical|shopify|ndjson]
                         [--map 'File column=import_column' ...] [--dry-run] [--rejects FILE]

Imports an order history (docs/import.md): orders, their customers and products, returns as refunds. Attaches to a
running npm start on the same DATA_DIR, or starts the embedded stack itself.
  --orders FILE     the order lines: canonical CSV, a Shopify orders export, or NDJSON
  --products FILE   SKU, name and category per product (CSV), for lines that lack them
  --format F        auto (default: detected from the first line), canonical, shopify or ndjson
  --map 'A=b'       read the file's column A as import column b (repeatable)
  --dry-run         validate the whole file and say what would be imported; change nothing
  --rejects FILE    where the rejected lines go (CSV: line, column, reason, raw); default under DATA_DIR/imports/
  --json            print the result as one JSON document (for scripts) instead of the summary and progress
Importing the same file again adds nothing; an interrupted import, run again, finishes without duplicates.`;

const FORMATS = ['auto', 'canonical', 'shopify', 'ndjson'] as const;
const n = (v: number) => v.toLocaleString('en');

function parseMap(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    if (at <= 0 || at === entry.length - 1)
      throw new UsageError(`--map takes 'File column=import_column' (got "${entry}").`);
    map.set(entry.slice(0, at).trim(), entry.slice(at + 1).trim());
  }
  return map;
}

function readableFile(flag: string, file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`${flag} ${file}: no such file.`);
  }
  if (!stat.isFile()) throw new UsageError(`${flag} ${file} is not a file.`);
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string' },
      products: { type: 'string' },
      format: { type: 'string', default: 'auto' },
      map: { type: 'string', multiple: true, default: [] },
      'dry-run': { type: 'boolean', default: false },
      rejects: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return console.log(HELP);
  if (!values.orders) throw new UsageError('--orders FILE is required (see --help).');
  readableFile('--orders', values.orders);
  if (values.products) readableFile('--products', values.products);
  if (!(FORMATS as readonly string[]).includes(values.format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${values.format}").`);
  const map = parseMap(values.map);

  const stack = await openStack();
  const json = values.json;
  const tty = !json && process.stdout.isTTY === true;
  const meter = new ImportMeter();
  let lastLine = 0;
  try {
    await prepareStore();
    if (stack.mode === 'embedded-attached' && !json) console.log('attached to the running store');
    const units = getConfig();
    if (!json) console.log(`store: money in ${units.STORE_CURRENCY}, days in ${units.STORE_TIMEZONE}`);
    // A file that cannot be read as a whole (a broken header, an unclosed quote) is the user's to fix: one sentence.
    const result = await runImport({
      ordersFile: values.orders,
      productsFile: values.products,
      format: values.format as ImportFormat | 'auto',
      map,
      dryRun: values['dry-run'],
      rejectsFile: values.rejects,
      requestedBy: `cli:${os.userInfo().username}@${os.hostname()}`,
      onProgress: (p) => {
        meter.track(p);
        if (tty) {
          process.stdout.write(`\r${meter.bar(p).slice(0, (process.stdout.columns ?? 120) - 1)}\x1b[K`);
        } else if (!json && (performance.now() - lastLine >= 5_000 || p.phase === 'done')) {
          lastLine = performance.now();
          console.log(meter.line(p));
        }
      },
    }).catch((error: unknown) => {
      if (tty) process.stdout.write('\n');
      throw error instanceof DomainError ? new UsageError(error.message) : error;
    });
    if (tty) process.stdout.write('\r\x1b[K');
    if (json) console.log(JSON.stringify({ ...result, store: stack.mode }));
    else {
      const examples = await readRejectExamples(result.rejectsFile, result.summary.firstRejectedLine);
      for (const line of summaryLines(result, examples)) console.log(line);
      const m = result.peakRssMiB;
      console.log(
        `  memory        ${n(m.finishing)} MiB at most (resident, this process; by the end of reading ${n(m.reading)}, orders ${n(m.orders)}, customers ${n(m.customers)})`,
      );
      if (result.finished && stack.mode === 'embedded-owner')
        console.log('  (no worker is running: npm start runs the analysis, or npm run batch runs it now)');
    }
  } finally {
    await closeEventPublisher();
    await stack.close();
  }
});
