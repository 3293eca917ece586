import { describe, expect, it, vi } from 'vitest';
import { listRuns } from '@/lib/analysis/runs/run';
import { putBusinessWeeks } from '@/lib/overview/put-business-weeks';
import { nightlyIfDue } from '@/lib/worker/run-worker';
import { useTestStack } from './support/test-stack';

describe('the nightly analysis on a store with nothing to fit', () => {
  useTestStack();

  it('starts no run (which could only fail) and says why once; with enough customers it starts the run', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // 23:30 UTC: past the default 02:00 schedule in UTC, so tonight's run is due.
    const now = new Date('2026-03-10T23:30:00Z');
    await nightlyIfDue(now);
    await nightlyIfDue(new Date(now.getTime() + 60_000));
    expect((await listRuns(5)).runs).toEqual([]);
    const said = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('not started'));
    expect(said).toEqual([
      '[worker] analysis run nightly_2026-03-10 not started: 0 customers with orders, the models need 10 (import an order history: npm run import)',
    ]);

    await putBusinessWeeks([], {
      customers: 12,
      orders: 30,
      revenueMinor: 100_000,
      currency: 'EUR',
      updatedAt: now.toISOString(),
    });
    await nightlyIfDue(new Date(now.getTime() + 120_000));
    const runs = (await listRuns(5)).runs;
    expect(runs.map((r) => [r.runId, r.trigger])).toEqual([['nightly_2026-03-10', 'schedule']]);
    log.mockRestore();
  });
});
