import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exitWhenDrained } from './exit-when-drained';

/**
 * `npm test`: lint, type-check, unit, integration and end-to-end, in that order, each step's time printed, and a
 * closing line counting the tests of every runner. Stops at the first failing step (later steps need earlier ones).
 */
interface Step {
  name: string;
  command: string[];
  /** A JSON report the runner writes, to count its tests. */
  report?: string;
}

const RESULTS = 'test-results';
const STEPS: Step[] = [
  { name: 'lint', command: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  { name: 'format', command: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'] },
  { name: 'type-check', command: ['npx', 'tsc', '--noEmit'] },
  ...(['unit', 'integration'] as const).map((project) => ({
    name: project,
    command: [
      'npx',
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${RESULTS}/${project}.json`,
    ],
    report: `${RESULTS}/${project}.json`,
  })),
  { name: 'e2e', command: ['npx', 'playwright', 'test'], report: `${RESULTS}/e2e.json` },
];

function run(command: string[]): Promise<number> {
  return new Promise((resolve) => {
    const [bin, ...args] = command as [string, ...string[]];
    const child = spawn(bin, args, {
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

interface Counts {
  passed: number;
  failed: number;
}

function countReport(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 0 };
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    numPassedTests?: number;
    numFailedTests?: number;
    stats?: { expected?: number; unexpected?: number; flaky?: number };
  };
  if (data.stats)
    return {
      passed: (data.stats.expected ?? 0) + (data.stats.flaky ?? 0),
      failed: data.stats.unexpected ?? 0,
    };
  return { passed: data.numPassedTests ?? 0, failed: data.numFailedTests ?? 0 };
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const total: Counts = { passed: 0, failed: 0 };
  const summary: string[] = [];
  const only = process.argv.slice(2);
  for (const step of STEPS.filter((s) => only.length === 0 || only.includes(s.name))) {
    if (step.report) fs.rmSync(step.report, { force: true });
    console.log(`\n▶ ${step.name}: ${step.command.join(' ')}`);
    const started = performance.now();
    const code = await run(step.command);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = step.report ? countReport(path.resolve(step.report)) : undefined;
    if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
    }
    summary.push(
      `  ${code === 0 ? '✔' : '✖'} ${step.name.padEnd(12)} ${seconds.padStart(6)} s${counts ? `  ${counts.passed} passed, ${counts.failed} failed` : ''}`,
    );
    if (code !== 0) {
      if (counts && counts.failed === 0) total.failed += 1; // a runner that failed without failing tests
      if (!counts) total.failed += 1;
      console.log(`\n${summary.join('\n')}\n\n✖ ${step.name} failed (exit ${code}).`);
      console.log(`${total.passed} passed, ${total.failed} failed`);
      return 1;
    }
  }
  console.log(`\n${summary.join('\n')}\n`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return 0;
}

void main().then((code) => exitWhenDrained(code));
