import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { getConfig } from '../../config';

/**
 * Who the seed generator had still active at a given day, from DATA_DIR/seed/ground-truth.jsonl (written by the
 * seed; absent for real data). A customer is active at the cut when they had not dropped out by then.
 */
export async function aliveAtFromGroundTruth(cutoffIso: string): Promise<Map<string, boolean> | undefined> {
  const file = path.join(getConfig().dataDir, 'seed', 'ground-truth.jsonl');
  if (!fs.existsSync(file)) return undefined;
  const alive = new Map<string, boolean>();
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const truth = JSON.parse(line) as { customerId?: unknown; droppedOutAt?: unknown };
    if (typeof truth.customerId !== 'string') continue;
    const dropped = typeof truth.droppedOutAt === 'string' ? truth.droppedOutAt : null;
    alive.set(truth.customerId, dropped === null || dropped > cutoffIso);
  }
  return alive;
}
