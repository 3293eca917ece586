import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { streamBacklog } from '../kinesis/consumer/backlog';
import { startChild, stopChild } from './children';
import { runLoadProcess, startBenchServer } from './bench-server';
import { runCli, UsageError } from './run-cli';

/**
 * npm run bench:orders -- [--seconds 20] [--concurrency 32 | --rate N]: orders posted through the real HTTP API
 * (`next start` on a fresh embedded store) for `seconds`, by `concurrency` clients (closed loop) or arriving at `rate`
 * per second (open loop), then the time until the worker has handled every event. Prints throughput, latency
 * percentiles, CPU and store calls per order; asserts nothing.
 */
/** CPU seconds (user + system) used so far by `pid` and its descendants, from /proc; null where there is no /proc. */
function treeCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined || !fs.existsSync('/proc/self/stat')) return null;
  const tick = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        cpu: (Number(fields[11]) + Number(fields[12])) / tick,
      });
    } catch {
      // the process ended while we read
    }
  }
  let total = 0;
  const pending = [pid];
  while (pending.length) {
    const current = pending.pop()!;
    total += stats.get(current)?.cpu ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === current) pending.push(child);
  }
  return total;
}

interface LoadResult {
  latencies: number[];
  errors: number;
  dropped: number;
  seconds: number;
  cpuSeconds: number;
}

/** Runs the load generator (bench-orders-load.ts) in its own process and returns what it measured. */

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

runCli(async () => {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '32' },
      rate: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (!(seconds > 0) || !(concurrency > 0) || (rate !== undefined && !(rate > 0)))
    throw new UsageError('--seconds, --concurrency and --rate must be positive numbers.');

  const server = await startBenchServer('orders', 3400, { WORKER_HEARTBEAT_SECONDS: '5' });
  const { config, stack, web, childEnv, base } = server;
  // The worker in its own process, as npm start runs it: the embedded servers stay alone in this one.
  const worker = startChild('worker', ['--import', 'tsx', path.join('lib', 'cli', 'worker.ts')], childEnv);
  // Handled = nothing left after any shard's checkpoint: every handler has run for every event (a summary count
  // would finish early, since a summary is recomputed from all of a customer's stored orders).
  const waiting = async () =>
    Object.values(await streamBacklog(config.EVENTS_STREAM)).reduce((sum, n) => sum + n, 0);
  try {
    const cpuBefore = {
      bench: process.cpuUsage(),
      web: treeCpuSeconds(web.process.pid),
      worker: treeCpuSeconds(worker.process.pid),
    };
    const requestsBefore = stack.requestCounts?.() ?? {};
    const started = performance.now();
    const load = await runLoadProcess<LoadResult>('bench-orders-load.ts', {
      base,
      key: config.DEMO_API_KEY,
      seconds,
      concurrency,
      ...(rate === undefined ? {} : { rate }),
    });
    const { latencies, errors, dropped } = load;
    const acceptedSeconds = load.seconds;
    const accepted = latencies.length;
    const consumeDeadline = Date.now() + 300_000;
    let backlog = await waiting();
    while (backlog > 0 && Date.now() < consumeDeadline) {
      await new Promise((r) => setTimeout(r, 250));
      backlog = await waiting();
    }
    const delivered = backlog > 0 ? 0 : accepted;
    const endToEnd = (performance.now() - started) / 1000;
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const cpuPerOrder = (before: number | null, after: number | null) =>
      before === null || after === null || accepted === 0
        ? 'n/a'
        : `${(((after - before) * 1000) / accepted).toFixed(2)} ms`;
    const webCpu = cpuPerOrder(cpuBefore.web, treeCpuSeconds(web.process.pid));
    const workerCpu = cpuPerOrder(cpuBefore.worker, treeCpuSeconds(worker.process.pid));
    const mainCpu = cpuPerOrder(0, (benchCpu.user + benchCpu.system) / 1e6);
    latencies.sort((a, b) => a - b);
    const rows: [string, string][] = [
      ['orders accepted (201)', `${accepted.toLocaleString('en')} in ${acceptedSeconds.toFixed(1)} s`],
      ['accepted throughput', `${(accepted / acceptedSeconds).toFixed(0)} orders/s`],
      ['errors', `${errors}${dropped ? ` (${dropped} not sent: 1,000 already in flight)` : ''}`],
      [
        'API latency p50 / p95 / p99',
        `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms`,
      ],
      [
        'purchase events handled',
        backlog > 0
          ? `not all: ${backlog}+ records still waiting after 5 minutes`
          : `${delivered.toLocaleString('en')} (every shard read and checkpointed to its end)`,
      ],
      [
        'end-to-end throughput',
        `${(delivered / endToEnd).toFixed(0)} events/s (first order → last event handled)`,
      ],
      ['CPU per order: web', webCpu],
      ['CPU per order: worker', workerCpu],
      ['CPU per order: embedded store', `${mainCpu} (the DynamoDB and Kinesis servers, with this script)`],
      ['CPU per order: load generator', cpuPerOrder(0, load.cpuSeconds)],
    ];
    const requestsAfter = stack.requestCounts?.() ?? {};
    const perOrder = Object.entries(requestsAfter)
      .map(
        ([operation, n]) =>
          [operation, (n - (requestsBefore[operation] ?? 0)) / Math.max(1, delivered)] as const,
      )
      .filter(([, n]) => n >= 0.005)
      .sort((a, b) => b[1] - a[1]);
    const storeCalls = perOrder
      .filter(([op]) => op.startsWith('dynamodb'))
      .reduce((sum, [, n]) => sum + n, 0);
    rows.push([
      'store calls per order',
      `${storeCalls.toFixed(1)} DynamoDB (${perOrder.map(([op, n]) => `${op} ${n.toFixed(2)}`).join(', ')})`,
    ]);
    console.log(
      `\norders benchmark (${rate === undefined ? `${concurrency} clients` : `${rate} orders/s offered`}, ${seconds} s, ${os.cpus().length} cores, embedded stack)`,
    );
    rows.forEach(([k, v]) => console.log(`  ${k.padEnd(30)} ${v}`));
  } finally {
    await stopChild(worker);
    await server.close();
  }
});
