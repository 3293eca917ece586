import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { statisticalAnalyzer } from '../analysis/analyzers/statistical-analyzer';
import { fitBgNbd, type RepeatSummary } from '../analysis/models/bgnbd';
import { runBatch, startRun } from '../analysis/runs/run-batch';
import { openStack } from '../aws/stack';
import { resetConfig } from '../config';
import { readSeedState } from '../seed/seed-state';
import { createPrng } from '../math/prng';
import { writeDataset } from '../seed/write-dataset';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';

const END = new Date('2026-11-23T00:00:00Z');
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * Customers simulated from the BG/NBD estimates of Fader, Hardie & Lee (2005) for the CDNOW cohort: first purchases
 * spread over 12 weeks, observed to week 39, times to the day (as the real data set is).
 */
function simulate(n: number, seed: string): RepeatSummary[] {
  const rng = createPrng(seed);
  const day = (weeks: number) => Math.round(weeks * 7) / 7;
  return Array.from({ length: n }, () => {
    const T = day(27 + rng.uniform() * 12);
    const lambda = rng.gamma(CDNOW.r, 1 / CDNOW.alpha);
    const p = rng.beta(CDNOW.a, CDNOW.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > T) break;
      x++;
      tx = t;
      if (rng.bernoulli(p)) break;
    }
    return { x, tx: day(tx), T };
  });
}

const n = (v: number) => v.toLocaleString('en');

/**
 * npm run bench:analysis -- [--customers 50000] [--data-dir DIR]: BG/NBD fit time on 2,357 and 100,000 customer
 * summaries, then the full statistical batch over a seeded base end to end with storage (fitting, analysing every
 * customer who allows personalization, writing insights and patterns, checkpoints). `--data-dir` keeps the seeded
 * store for the next run (seeding 50,000 customers takes a few minutes); without it a temp dir is used and removed.
 */
/** The child process that owns the embedded store, as `npm start` does beside the worker. */
async function serveStack(): Promise<void> {
  const stack = await openStack({ own: true });
  await prepareStore();
  process.on('message', (message) => {
    if (message === 'counts') {
      const cpu = process.cpuUsage();
      process.send?.({ counts: { ...stack.requestCounts?.(), cpuMicros: cpu.user + cpu.system } });
    }
  });
  process.send?.('ready');
  // Serves until the parent is done (runCli exits the process when this returns).
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await stack.close();
}

/** Starts the store owner and attaches this process to it, like the worker of `npm start`. */
async function storeInChild(): Promise<{ counts(): Promise<Record<string, number>>; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve-stack'], {
    execArgv: ['--import', 'tsx'],
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
    child.once('exit', (code) => reject(new Error(`the store process exited (${code})`)));
  });
  await openStack();
  return {
    counts: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { counts: Record<string, number> }).counts));
        child.send('counts');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

runCli(async () => {
  if (process.argv.includes('--serve-stack')) return serveStack();
  const { values } = parseArgs({
    options: { customers: { type: 'string', default: '50000' }, 'data-dir': { type: 'string' } },
  });
  const customers = Number(values.customers);
  if (!Number.isInteger(customers) || customers < 100)
    throw new UsageError('--customers must be a whole number of at least 100.');

  console.log(`analysis benchmark (${os.cpus().length} cores, Node ${process.version})\n`);
  for (const size of [2_357, 100_000]) {
    const data = simulate(size, `bench-${size}`);
    const started = performance.now();
    const fit = fitBgNbd(data);
    const seconds = (performance.now() - started) / 1000;
    const p = fit.params;
    console.log(
      `  BG/NBD fit, ${n(size).padStart(7)} customers: ${seconds.toFixed(2)} s ` +
        `(r ${p.r.toFixed(3)}, α ${p.alpha.toFixed(2)}, a ${p.a.toFixed(3)}, b ${p.b.toFixed(3)}; ` +
        `simulated from r ${CDNOW.r}, α ${CDNOW.alpha}, a ${CDNOW.a}, b ${CDNOW.b})`,
    );
  }

  const keep = values['data-dir'] !== undefined;
  const dataDir = path.resolve(
    values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cp-bench-analysis-')),
  );
  Object.assign(process.env, { EMBEDDED: 'true', DATA_DIR: dataDir });
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  delete process.env.AWS_ENDPOINT_URL_KINESIS;
  resetConfig();
  const store = await storeInChild();
  try {
    const state = readSeedState(dataDir);
    if (state?.status === 'complete' && state.customers === customers && state.seed === 'bench') {
      console.log(`\n  reusing the seeded store in ${dataDir}`);
    } else {
      console.log(`\n  seeding ${n(customers)} customers into ${dataDir} (not timed)…`);
      const seeded = await writeDataset({ seed: 'bench', customers, end: END, dataDir });
      console.log(
        `  seeded ${n(seeded.customers)} customers, ${n(seeded.orders)} orders in ${seeded.seconds.toFixed(0)} s`,
      );
    }
    const before = await store.counts();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { run } = await startRun('cli', 'bench', 'statistical');
    let fitted = 0;
    const final = await runBatch(run.runId, {
      analyzer: statisticalAnalyzer,
      onProgress: (r) => {
        if (!fitted && r.phase === 'analysing') fitted = (performance.now() - started) / 1000;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const after = await store.counts();
    const storeCpu = ((after.cpuMicros ?? 0) - (before.cpuMicros ?? 0)) / 1e6;
    const calls = Object.entries(after)
      .filter(([op]) => op !== 'cpuMicros')
      .map(([op, count]) => [op, count - (before[op] ?? 0)] as const)
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1]);
    if (!final) throw new Error('the run was taken by another process');
    console.log(
      `\n  batch over ${n(customers)} seeded customers: ${n(final.done)} analysed (${n(final.refused)} without personalization consent)`,
    );
    console.log(
      `    end to end           ${seconds.toFixed(1)} s (target ≤ 60 s) — ${n(Math.round(final.done / seconds))} customers/s`,
    );
    console.log(`    of which scan + fit  ${fitted.toFixed(1)} s`);
    console.log(
      `    batch process CPU    ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (the store runs in its own process, as with npm start)`,
    );
    console.log(`    store process CPU    ${storeCpu.toFixed(1)} s`);
    console.log(`    store calls          ${calls.map(([op, count]) => `${op} ${n(count)}`).join(', ')}`);
  } finally {
    await store.stop();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
