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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of a data directory, or undefined when nobody (alive) holds it. */
export function readOwner(dataDir: string): InstanceInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as InstanceInfo;
    return typeof info.pid === 'number' && isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  update(info: Partial<InstanceInfo>): void;
  release(): void;
}

/**
 * Makes this process the only owner of dataDir. LevelDB under dynalite/kinesalite corrupts or crashes when two
 * processes open it, so a second instance must stop with a sentence rather than a stack trace.
 */
export function acquireDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  let info: InstanceInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as InstanceInfo;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return {
        update(more) {
          info = { ...info, ...more };
          fs.writeFileSync(file, JSON.stringify(info));
        },
        release,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(dataDir);
      if (owner) throw new DataDirInUseError(dataDir, owner);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock data directory ${dataDir}`);
}
