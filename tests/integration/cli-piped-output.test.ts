import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** A CDNOW-sized customer summary (2,357 customers, weeks), from a seeded generator: x, t_x, T and average spend. */
function writeSummary(file: string, customers = 2_357): void {
  let seed = 20_261_207;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const rows = ['customer_id,frequency,recency,T,monetary_value'];
  for (let i = 1; i <= customers; i++) {
    const T = 27 + random() * 12;
    const x = random() < 0.6 ? 0 : Math.floor(random() * 8) + 1;
    const tx = x ? random() * T : 0;
    rows.push(
      `${String(i).padStart(5, '0')},${x},${tx.toFixed(2)},${T.toFixed(2)},${x ? (10 + random() * 60).toFixed(2) : 0}`,
    );
  }
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
}

/**
 * Runs `npm run -s clv -- …` with its output piped into a reader that starts reading a second late (a pipe's buffer
 * fills meanwhile, as with a slow `jq`), and resolves with everything the reader got.
 */
function pipedThroughSlowReader(
  args: string[],
): Promise<{ out: string; code: number | null; stderr: string }> {
  const reader =
    "setTimeout(() => { let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => process.stdout.write(s)); }, 1000)";
  return new Promise((resolve, reject) => {
    const child = spawn(
      'bash',
      ['-c', `set -o pipefail; npm run -s clv -- ${args.join(' ')} | node -e "${reader}"`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CI: 'true' },
      },
    );
    let out = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ out, code, stderr }));
  });
}

describe('CLI output piped to another program is complete', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-clv-pipe-'));
  const input = path.join(dir, 'summary.csv');
  writeSummary(input);

  it(
    'npm run clv -- --output json | reader: every customer arrives and the JSON parses',
    { timeout: 60_000 },
    async () => {
      const { out, code, stderr } = await pipedThroughSlowReader(['--input', input, '--output', 'json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(out.length).toBeGreaterThan(256 * 1024); // well past a pipe's 64 KiB buffer
      const parsed = JSON.parse(out) as { customers: { id: string; pAlive: number }[] };
      expect(parsed.customers).toHaveLength(2_357);
      expect(parsed.customers.at(-1)?.id).toBe('02357');
    },
  );

  it('and as CSV: a header, then one line per customer', { timeout: 60_000 }, async () => {
    const { out, code } = await pipedThroughSlowReader(['--input', input, '--output', 'csv']);
    expect(code).toBe(0);
    const lines = out
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    expect(lines[0]).toMatch(/^customer_id,p_alive,expected_purchases_39/);
    expect(lines).toHaveLength(1 + 2_357);
    expect(lines.at(-1)).toMatch(/^02357,/);
  });
});
