import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStack } from '../aws/stack';
import { getConfig, resetConfig } from '../config';
import { scanItems } from '../db/items';
import { buildIfNeeded } from './build-if-needed';
import { startChild, stopChild } from './children';
import { portIsFree, waitForHttp } from './port-free';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';

/**
 * npm run bench:orders -- [--seconds 20] [--concurrency 32]: orders posted through the real HTTP API (`next start`
 * on a fresh embedded store) by `concurrency` clients for `seconds`, then the time until the worker has consumed
 * every purchase event. Prints throughput and latency percentiles; asserts nothing.
 */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

runCli(async () => {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '32' } },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  if (!(seconds > 0) || !(concurrency > 0))
    throw new UsageError('--seconds and --concurrency must be positive numbers.');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-orders-'));
  const port = 3400;
  if (!(await portIsFree(port, '127.0.0.1'))) throw new UsageError(`Port ${port} is in use.`);
  Object.assign(process.env, {
    EMBEDDED: 'true',
    DATA_DIR: dataDir,
    PORT: String(port),
    WORKER_HEARTBEAT_SECONDS: '5',
  });
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  delete process.env.AWS_ENDPOINT_URL_KINESIS;
  resetConfig();
  const stack = await openStack({ own: true });
  await prepareStore();
  await buildIfNeeded((l) => console.log(l));
  const config = getConfig();
  const web = startChild(
    'web',
    [
      path.join('node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: config.AWS_ENDPOINT_URL_DYNAMODB,
      AWS_ENDPOINT_URL_KINESIS: config.AWS_ENDPOINT_URL_KINESIS,
      AUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
      NODE_ENV: 'production',
    },
  );
  const childEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: config.AWS_ENDPOINT_URL_DYNAMODB,
    AWS_ENDPOINT_URL_KINESIS: config.AWS_ENDPOINT_URL_KINESIS,
  };
  // The worker in its own process, as npm start runs it: the embedded servers stay alone in this one.
  const worker = startChild('worker', ['--import', 'tsx', path.join('lib', 'cli', 'worker.ts')], childEnv);
  const consumed = async () =>
    (await scanItems('customers')).reduce((sum, c) => sum + Number(c.orderCount ?? 0), 0);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/api/health`, 60_000, () => web.process.exitCode === null);
    const latencies: number[] = [];
    let errors = 0;
    let sequence = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    const client = async () => {
      while (performance.now() < deadline) {
        const n = sequence++;
        const t0 = performance.now();
        const response = await fetch(`${base}/api/v1/orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-api-key': config.DEMO_API_KEY,
            'idempotency-key': `bench-${n}`,
          },
          body: JSON.stringify({
            customerId: `cus_${String(n % 1000).padStart(6, '0')}`,
            items: [
              { productId: 'prd_dairy_01', categoryId: 'cat_dairy', quantity: 2, unitPriceMinor: 119 },
              { productId: 'prd_bakery_02', categoryId: 'cat_bakery', quantity: 1, unitPrice: '2.49' },
            ],
          }),
        });
        await response.arrayBuffer();
        if (response.status === 201) latencies.push(performance.now() - t0);
        else errors++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const acceptedSeconds = (performance.now() - started) / 1000;
    const accepted = latencies.length;
    // Consumed = counted in the customers' summaries by the worker's customer-summary handler.
    const consumeDeadline = Date.now() + 300_000;
    let delivered = await consumed();
    while (delivered < accepted && Date.now() < consumeDeadline) {
      await new Promise((r) => setTimeout(r, 500));
      delivered = await consumed();
    }
    const endToEnd = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const rows: [string, string][] = [
      ['orders accepted (201)', `${accepted.toLocaleString('en')} in ${acceptedSeconds.toFixed(1)} s`],
      ['accepted throughput', `${(accepted / acceptedSeconds).toFixed(0)} orders/s`],
      ['errors', String(errors)],
      [
        'API latency p50 / p95 / p99',
        `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms`,
      ],
      ['purchase events consumed', `${delivered.toLocaleString('en')} (counted in customer summaries)`],
      [
        'end-to-end throughput',
        `${(delivered / endToEnd).toFixed(0)} events/s (first order → last event handled)`,
      ],
    ];
    console.log(
      `\norders benchmark (${concurrency} clients, ${seconds} s, ${os.cpus().length} cores, embedded stack)`,
    );
    rows.forEach(([k, v]) => console.log(`  ${k.padEnd(30)} ${v}`));
  } finally {
    await stopChild(worker);
    await stopChild(web);
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
