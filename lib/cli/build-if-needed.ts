import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'app',
  'components',
  'lib',
  'types',
  'public',
  'proxy.ts',
  'next.config.js',
  'tsconfig.json',
  'package-lock.json',
];
const STAMP = path.join('.next', 'customer-pulse-source-hash');

function hashTree(root: string, hash: ReturnType<typeof createHash>): void {
  if (!fs.existsSync(root)) return;
  const stat = fs.statSync(root);
  if (stat.isFile()) {
    hash.update(root).update(fs.readFileSync(root));
    return;
  }
  for (const entry of fs.readdirSync(root).sort()) hashTree(path.join(root, entry), hash);
}

/** A hash of everything the production build is made from, so a stale build is rebuilt, not served. */
export function sourceHash(cwd = process.cwd()): string {
  const hash = createHash('sha256');
  for (const source of SOURCES) hashTree(path.join(cwd, source), hash);
  return hash.digest('hex');
}

export function buildIsCurrent(cwd = process.cwd()): boolean {
  const stamp = path.join(cwd, STAMP);
  return (
    fs.existsSync(path.join(cwd, '.next', 'BUILD_ID')) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === sourceHash(cwd)
  );
}

/** Runs `next build` when there is no build or the sources changed since the last one. */
export async function buildIfNeeded(
  log: (line: string) => void,
  onSpawn: (child: ChildProcess) => void = () => undefined,
): Promise<boolean> {
  if (buildIsCurrent()) return false;
  log('building the dashboard (next build, once per source change)…');
  const hash = sourceHash();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      },
    );
    onSpawn(child);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code}); see the output above.`);
  fs.writeFileSync(STAMP, hash);
  return true;
}
