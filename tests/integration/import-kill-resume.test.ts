import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { listAllCustomers } from '@/lib/customers/list-all-customers';
import { getImport, listImports } from '@/lib/imports/import-history';
import { runImport } from '@/lib/imports/run-import';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { getBusinessTotals } from '@/lib/overview/get-business-overview';
import { readLedger } from '@/lib/privacy/consent/read-ledger';
import { storeTotals, writeSample } from './support/import-kit';
import { waitFor } from './support/stream-kit';
import { useTestStack } from './support/test-stack';

const SAMPLE = { seed: 'import-kill', orders: 6_000, end: new Date('2025-12-31T18:00:00Z') };

/** `npm run import` in its own process, attached to this test's embedded store (the endpoints are in the env). */
function startImport(file: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/import.ts', '--orders', file], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

describe('an import killed mid-way and run again', () => {
  const stack = useTestStack();
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await closeEventPublisher();
  });

  it('finishes with the same totals as an uninterrupted import, nothing twice', async () => {
    const { file, expected } = writeSample(stack().dataDir, 'orders.csv', SAMPLE);
    const first = startImport(file);
    children.push(first.child);
    // Once it has stored some orders (its history says so), kill it: no clean stop, whatever it was doing.
    await waitFor(
      async () => ((await listImports(1)).imports[0]?.progress.ordersStored ?? 0) > 0,
      120_000,
      'the import to store its first orders',
    );
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const killed = (await listImports(1)).imports[0]!;
    expect(killed.status).toBe('running'); // as the killed process left it
    const partial = await storeTotals();
    expect(partial.orders).toBeGreaterThan(0);
    expect(first.output()).not.toContain('net revenue'); // it never got to its summary

    const again = await runImport({ ordersFile: file, format: 'auto', dryRun: false, requestedBy: 'test' });
    expect(again.summary.orders).toBe(expected.orders);
    expect(again.summary.ordersUnchanged).toBeGreaterThan(0); // what the killed run stored is not written again
    expect(await storeTotals()).toEqual({
      orders: expected.orders,
      buyers: expected.customers,
      customers: expected.customers,
      netRevenueMinor: expected.netRevenueMinor,
    });
    expect(await getBusinessTotals()).toMatchObject({
      orders: expected.orders,
      customers: expected.customers,
      revenueMinor: expected.netRevenueMinor,
    });
    // One consent entry per customer: the run again gave no one a second default.
    for (const customer of (await listAllCustomers()).slice(0, 200))
      expect(await readLedger(customer.customerId)).toHaveLength(1);
    // The history tells the killed import from the one that finished.
    expect(await getImport(killed.importId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('interrupted'),
    });
    expect(await getImport(again.importId)).toMatchObject({ status: 'completed' });
  }, 300_000);
});
