import fs from 'node:fs';
import path from 'node:path';

/** What the owner of a data directory tells other processes about itself. */
export interface InstanceInfo {
  pid: number;
  startedAt: string;
  dynamodbEndpoint?: string;
  kinesisEndpoint?: string;
  url?: string;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly owner: InstanceInfo,
  ) {
    super(
      `Data directory ${dataDir} is already in use by Customer Pulse (pid ${owner.pid}` +
        `${owner.url ? `, serving ${owner.url}` : ''}). Stop that instance first, or start this one with another ` +
        `DATA_DIR.`,
    );
  }
}

const LOCK_FILE = 'instance.json';
/** Lock files this process holds: our own pid in any other one is a leftover from before a crash. */
const held = new Set<string>();

/** Alive and plausibly ours: after a crash the pid may be reused by us or by an unrelated program. */
function isLiveOwner(pid: number, file: string): boolean {
  if (pid === process.pid) return held.has(file);
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

/** The live owner of a data directory, or undefined when nobody (alive) holds it. */
export function readOwner(dataDir: string): InstanceInfo | undefined {
  try {
    const file = path.join(dataDir, LOCK_FILE);
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as InstanceInfo;
    return typeof info.pid === 'number' && isLiveOwner(info.pid, file) ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the whole file under a temporary name first, so no reader ever sees it half written. */
function writeTemp(file: string, info: InstanceInfo): string {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(info));
  return temp;
}

export interface DataDirLock {
  update(info: Partial<InstanceInfo>): void;
  release(): void;
}

/**
 * Makes this process the only owner of dataDir. LevelDB under dynalite/kinesalite cannot be opened by two processes,
 * so a second instance must stop with a sentence rather than a stack trace. The lock file appears atomically
 * (hard link of a complete temp file); a stale one (owner gone) is moved aside atomically before retrying.
 * LevelDB's own lock stays the last line of defence.
 */
export function acquireDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  let info: InstanceInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    const temp = writeTemp(file, info);
    try {
      fs.linkSync(temp, file); // fails with EEXIST if anyone holds it
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(dataDir);
      if (owner) throw new DataDirInUseError(dataDir, owner);
      try {
        fs.renameSync(file, `${file}.stale-${process.pid}-${attempt}`);
      } catch {
        // another starter moved it first; just retry
      }
      continue;
    } finally {
      fs.rmSync(temp, { force: true });
    }
    held.add(file);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.delete(file);
      try {
        const current = JSON.parse(fs.readFileSync(file, 'utf8')) as InstanceInfo;
        if (current.pid === process.pid) fs.unlinkSync(file);
      } catch {
        // already gone
      }
      for (const name of fs.readdirSync(dataDir)) {
        if (name.startsWith(`${LOCK_FILE}.stale-`)) fs.rmSync(path.join(dataDir, name), { force: true });
      }
    };
    process.once('exit', release);
    return {
      update(more) {
        info = { ...info, ...more };
        fs.renameSync(writeTemp(file, info), file); // atomic replace
      },
      release,
    };
  }
  throw new Error(`Could not lock data directory ${dataDir}; another process keeps taking it.`);
}
