import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStack, type StackHandle } from '../aws/stack';
import { DEMO_USERS } from '../auth/users/ensure-demo-users';
import { getConfig } from '../config';
import { isSeeded } from '../seed/is-seeded';
import { embeddedAuthSecret } from './auth-secret';
import { buildIfNeeded } from './build-if-needed';
import { startChild, stopChild, type Child } from './children';
import { portIsFree, waitForHttp } from './port-free';
import { prepareStore } from './prepare-store';
import { runCli, UsageError } from './run-cli';
import { seedStore } from './seed-store';

const log = (line: string) => console.log(`[start] ${line}`);

function banner(url: string, embedded: boolean, seconds: number): string {
  const config = getConfig();
  const lines = [``, `  Customer Pulse is ready at ${url}   (started in ${seconds.toFixed(1)} s)`, ``];
  if (embedded) {
    lines.push(`  Demo sign-ins (password: ${config.DEMO_PASSWORD}):`);
    DEMO_USERS.forEach((u) => lines.push(`    ${u.email.padEnd(24)} ${u.role}`));
    lines.push(``, `  Demo storefront API key (all scopes): ${config.DEMO_API_KEY}`);
    lines.push(`  Data: ${config.dataDir}   Health: ${url}/api/health`);
  } else {
    lines.push(
      `  Running against AWS (${config.AWS_REGION}). Create users with: npm run user -- create --email … --role admin`,
    );
  }
  lines.push(`  Press Ctrl-C to stop.`, ``);
  return lines.join('\n');
}

runCli(async () => {
  const started = performance.now();
  const { values } = parseArgs({
    options: { dev: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    return console.log(
      'Usage: npm start  (or npm run dev for next dev with hot reload). Settings: docs/configuration.md',
    );
  }
  const config = getConfig();
  if (!(await portIsFree(config.PORT, config.HOST))) {
    throw new UsageError(
      `Port ${config.PORT} on ${config.HOST} is already in use; stop what uses it or set PORT.`,
    );
  }

  const stack: StackHandle = await openStack({ own: true });
  if (stack.mode !== 'aws') log(`embedded DynamoDB and Kinesis running, data in ${config.dataDir}`);
  const children: Child[] = [];
  let build: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    if (build && build.exitCode === null) build.kill('SIGTERM'); // never leave a build writing .next behind
    await Promise.all(children.map((c) => stopChild(c)));
    await stack.close();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await prepareStore(log, { recordUnits: true });
    if (config.EMBEDDED && config.SEED_ON_START && !(await isSeeded())) await seedStore({}, log);
    if (!values.dev) await buildIfNeeded(log, (child) => (build = child));
  } catch (error) {
    await stack.close();
    throw error;
  }

  const current = getConfig(); // openStack pointed the endpoints at the embedded servers
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: current.AWS_ENDPOINT_URL_DYNAMODB,
    AWS_ENDPOINT_URL_KINESIS: current.AWS_ENDPOINT_URL_KINESIS,
    AUTH_SECRET: current.AUTH_SECRET ?? embeddedAuthSecret(current.dataDir),
    NEXTAUTH_URL: current.publicUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if (current.WORKER)
    children.push(startChild('worker', ['--import', 'tsx', path.join('lib', 'cli', 'worker.ts')], env));
  const next = path.join('node_modules', 'next', 'dist', 'bin', 'next');
  const web = startChild(
    'web',
    [next, values.dev ? 'dev' : 'start', '-p', String(current.PORT), '-H', current.HOST],
    { ...env, NODE_ENV: values.dev ? 'development' : 'production' },
  );
  children.push(web);
  for (const child of children) {
    void child.exited.then((code) => {
      // Ctrl-C in a terminal reaches the children too; give our own SIGINT handler a moment to claim the exit.
      setTimeout(() => {
        if (stopping) return;
        console.error(`[start] ${child.name} exited unexpectedly (code ${code}); stopping everything.`);
        void shutdown(1);
      }, 300);
    });
  }
  const url = current.publicUrl;
  await waitForHttp(
    `http://${current.HOST}:${current.PORT}/api/health`,
    120_000,
    () => web.process.exitCode === null,
  );
  if (stack.lock) stack.lock.update({ url });
  console.log(banner(url, current.EMBEDDED, (performance.now() - started) / 1000));
  if (current.EMBEDDED && current.SEED_ON_START && current.SIMULATE_RATE > 0) {
    // Gentle demo traffic so the Live page has something to show; not watched like web and worker, since the
    // product runs fine without it (it reports its own failures). SIMULATE_RATE=0 turns it off. Not for a store
    // started empty (SEED_ON_START=false): its customers are the shop's own, from an import, not the demo's.
    log(`simulating storefront traffic at ${current.SIMULATE_RATE} events/s (SIMULATE_RATE=0 turns it off)`);
    children.push(
      startChild(
        'simulate',
        [
          '--import',
          'tsx',
          path.join('lib', 'cli', 'simulate.ts'),
          '--rate',
          String(current.SIMULATE_RATE),
          '--duration',
          '0',
          '--quiet',
          '--url',
          `http://${current.HOST}:${current.PORT}`,
        ],
        env,
      ),
    );
  }
  await new Promise(() => undefined); // until a signal arrives
});
