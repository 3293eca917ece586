import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStack } from '../aws/stack';
import { resetConfig } from '../config';
import { generateCustomerHistories } from '../seed/generate';
import { writeDataset } from '../seed/write-dataset';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';

const END = new Date('2026-11-23T00:00:00Z');

/**
 * npm run bench:seed -- [--customers N]: how fast the demo generator runs on its own and how fast the dataset is
 * stored in a fresh embedded store (a temp data dir, removed afterwards). Prints its figures; asserts nothing.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '10000' } } });
  const customers = Number(values.customers);
  if (!Number.isInteger(customers) || customers < 1)
    throw new UsageError('--customers must be a positive whole number.');
  const options = { seed: 'bench', customers, end: END };

  let started = performance.now();
  let orders = 0;
  for (const history of generateCustomerHistories(options)) orders += history.orders.length;
  const genSeconds = (performance.now() - started) / 1000;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-'));
  Object.assign(process.env, { EMBEDDED: 'true', DATA_DIR: dataDir });
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  delete process.env.AWS_ENDPOINT_URL_KINESIS;
  resetConfig();
  const stack = await openStack({ own: true });
  try {
    await prepareStore();
    started = performance.now();
    const summary = await writeDataset({ ...options, dataDir });
    const writeSeconds = (performance.now() - started) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024; // KiB → MiB, the high-water mark
    const rows = [
      ['customers', customers.toLocaleString('en')],
      ['orders', orders.toLocaleString('en')],
      [
        'generate only',
        `${genSeconds.toFixed(2)} s (${Math.round(orders / genSeconds).toLocaleString('en')} orders/s)`,
      ],
      [
        'generate + store (embedded)',
        `${writeSeconds.toFixed(1)} s (${Math.round(summary.orders / writeSeconds).toLocaleString('en')} orders/s)`,
      ],
      ['peak resident memory', `${Math.round(rss)} MiB`],
    ];
    console.log(
      `\nseed benchmark (seed "bench", end ${END.toISOString().slice(0, 10)}, ${os.cpus().length} cores)`,
    );
    rows.forEach(([k, v]) => console.log(`  ${k?.padEnd(30)} ${v}`));
  } finally {
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
