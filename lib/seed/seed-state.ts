import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What is being seeded into the store of a data directory. An interrupted seed is finished with the same
 * parameters (ids depend on them), so a restart on another day never mixes two datasets.
 */
const seedStateSchema = z.object({
  seed: z.string(),
  end: z.string(),
  customers: z.number().int().positive(),
  status: z.enum(['in_progress', 'complete']),
  updatedAt: z.string(),
});
export type SeedState = z.infer<typeof seedStateSchema>;

const file = (dataDir: string) => path.join(dataDir, 'seed', 'state.json');

export function readSeedState(dataDir: string): SeedState | undefined {
  try {
    return seedStateSchema.parse(JSON.parse(fs.readFileSync(file(dataDir), 'utf8')));
  } catch {
    return undefined;
  }
}

export function writeSeedState(dataDir: string, state: Omit<SeedState, 'updatedAt'>): void {
  fs.mkdirSync(path.dirname(file(dataDir)), { recursive: true });
  const temp = `${file(dataDir)}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2));
  fs.renameSync(temp, file(dataDir));
}

export function clearSeedState(dataDir: string): void {
  fs.rmSync(file(dataDir), { force: true });
}
