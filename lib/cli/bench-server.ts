import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStack, type StackHandle } from '../aws/stack';
import { getConfig, resetConfig, type Config } from '../config';
import { buildIfNeeded } from './build-if-needed';
import { startChild, stopChild, type Child } from './children';
import { portIsFree, waitForHttp } from './port-free';
import { prepareStore } from './prepare-store';
import { UsageError } from './run-cli';

/**
 * What the HTTP benchmarks measure against: a fresh embedded store (a temp data dir) owned by this process, and
 * `next start` on `port` in its own process, as `npm start` runs them. `close()` stops it all and removes the data.
 */
export interface BenchServer {
  base: string;
  config: Config;
  stack: StackHandle;
  web: Child;
  /** The environment children need to reach the store. */
  childEnv: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export const BENCH_AUTH_SECRET = 'bench-secret-0123456789abcdef0123456789';

export async function startBenchServer(
  name: string,
  port: number,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cp-bench-${name}-`));
  if (!(await portIsFree(port, '127.0.0.1'))) throw new UsageError(`Port ${port} is in use.`);
  Object.assign(process.env, {
    EMBEDDED: 'true',
    DATA_DIR: dataDir,
    PORT: String(port),
    AUTH_SECRET: BENCH_AUTH_SECRET,
    ...env,
  });
  delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  delete process.env.AWS_ENDPOINT_URL_KINESIS;
  resetConfig();
  const stack = await openStack({ own: true });
  await prepareStore();
  await buildIfNeeded((l) => console.log(l));
  const config = getConfig();
  const childEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: config.AWS_ENDPOINT_URL_DYNAMODB,
    AWS_ENDPOINT_URL_KINESIS: config.AWS_ENDPOINT_URL_KINESIS,
  };
  const web = startChild(
    'web',
    [
      // BENCH_CPU_PROF=<dir>: a CPU profile of the web process, to see where a benchmark's time goes.
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      path.join('node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    { ...childEnv, NODE_ENV: 'production' },
  );
  const base = `http://127.0.0.1:${port}`;
  const close = async () => {
    await stopChild(web);
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${base}/api/health`, 60_000, () => web.process.exitCode === null);
  } catch (error) {
    await close();
    throw error;
  }
  return { base, config, stack, web, childEnv, close };
}

/**
 * Runs a load generator (a script in lib/cli) in its own process, so it does not share a thread with what it
 * measures, and returns the JSON line it prints last. `true` arguments are passed as bare flags.
 */
export async function runLoadProcess<T>(
  script: string,
  args: Record<string, string | number | boolean>,
): Promise<T> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      path.join('lib', 'cli', script),
      ...Object.entries(args).flatMap(([k, v]) => (v === true ? [`--${k}`] : [`--${k}`, String(v)])),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const last = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{'))
    throw new Error(`The load generator ${script} failed (exit ${code}).`);
  return JSON.parse(last) as T;
}
