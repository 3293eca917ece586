import { describe, expect, it } from 'vitest';
import { runShadow } from '@/lib/experiments/shadow/run-shadow';
import { writeDataset } from '@/lib/seed/write-dataset';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');

describe('a shadow run (paired comparison)', () => {
  const stack = useTestStack();

  it('compares two analyzers on the same customers, pair by pair', async () => {
    await writeDataset({ seed: 'shadow', customers: 400, end: END, dataDir: stack().dataDir });
    const report = await runShadow({
      a: { provider: 'statistical' },
      b: { provider: 'statistical', nextPurchaseCoverage: 0.95 },
      cutoff: '2026-09-01',
      now: END,
    });
    expect(report.b).toBe('statistical (95 % windows)');
    const accuracy = report.metrics.accuracy;
    expect(accuracy.pairs).toBeGreaterThan(30);
    // The same predictions with wider windows hold more often: A − B is below zero, and the pairing sees it.
    expect(accuracy.meanB!).toBeGreaterThan(accuracy.meanA!);
    expect(accuracy.test.status).toBe('ok');
    if (accuracy.test.status === 'ok') {
      expect(accuracy.test.difference.estimate).toBeLessThan(0);
      expect(accuracy.test.difference.estimate).toBeCloseTo(accuracy.meanA! - accuracy.meanB!, 10);
    }
    expect(report.metrics.latency_ms.pairs).toBe(report.customers);
    // Both sides always write valid answers: no variance, which the test says rather than inventing a p-value.
    expect(report.metrics.schema_valid.meanA).toBe(1);
    expect(report.metrics.schema_valid.test.status).toBe('insufficient-data');
    await expect(
      runShadow({
        a: { provider: 'statistical' },
        b: { provider: 'statistical' },
        cutoff: '2027-01-01',
        now: END,
      }),
    ).rejects.toThrow(/past day/);
  });
});
