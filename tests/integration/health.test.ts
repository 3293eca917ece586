import { describe, expect, it } from 'vitest';
import { GET as healthRoute } from '@/app/api/health/route';
import { forgetHealth } from '@/lib/health/get-health';
import { TABLES } from '@/lib/db/tables';
import { runWorker } from '@/lib/worker/run-worker';
import { request } from './support/http';
import { useTestStack } from './support/test-stack';

describe('GET /api/health', () => {
  useTestStack();

  it('is degraded (503) until a worker has beaten, then ok (200) with every check', async () => {
    const before = await healthRoute(request('/api/health'));
    expect(before.status).toBe(503);
    const degraded = (await before.json()) as {
      status: string;
      checks: { worker: { ok: boolean; detail: string } };
    };
    expect(degraded.status).toBe('degraded');
    expect(degraded.checks.worker).toMatchObject({ ok: false, detail: 'no worker heartbeat yet' });

    const worker = await runWorker();
    try {
      forgetHealth(); // answers are cached for 5 s per process
      const after = await healthRoute(request('/api/health'));
      expect(after.status).toBe(200);
      const ok = (await after.json()) as { checks: Record<string, { ok: boolean; detail: string }> };
      expect(ok.checks.dynamodb).toMatchObject({ ok: true, detail: `${TABLES.length} tables active` });
      expect(ok.checks.kinesis?.detail).toContain('ACTIVE, 2 shards');
      expect(ok.checks.worker?.detail).toMatch(/^a worker was last seen \d+ s ago$/);
    } finally {
      await worker.stop();
    }
  });

  it('reports the stale worker once its heartbeat is older than three intervals', async () => {
    const { checkHealth } = await import('@/lib/health/check-health');
    const later = new Date(Date.now() + 10 * 60_000);
    const health = await checkHealth(later);
    expect(health.status).toBe('degraded');
    expect(health.checks.worker.ok).toBe(false);
  });
});
