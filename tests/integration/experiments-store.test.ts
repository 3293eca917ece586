import { afterAll, describe, expect, it } from 'vitest';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { getExperiment, requireExperiment } from '@/lib/experiments/get-experiment';
import { listExperiments } from '@/lib/experiments/list-experiments';
import { updateExperiment } from '@/lib/experiments/update-experiment';
import { toApiError } from '@/lib/http/errors';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { useTestStack } from './support/test-stack';
import { apiError, BY, definition, grantExperimentDefaults, started } from './support/experiments-kit';

// Customers without a consent entry allow what experiments need; some tests withdraw it explicitly.
grantExperimentDefaults();

describe('experiments: definitions and lifecycle', () => {
  useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
  });

  it('creates, reads, lists and updates experiments, refusing stale revisions', async () => {
    const created = await createExperiment(definition('store-basics'), BY);
    expect(created).toMatchObject({
      key: 'store-basics',
      status: 'draft',
      revision: 0,
      hashSeed: 'store-basics',
    });
    expect(await getExperiment('store-basics')).toEqual(created);
    expect(await getExperiment('no-such-experiment')).toBeUndefined();
    expect((await apiError(requireExperiment('no-such-experiment'))).status).toBe(404);

    const duplicate = await apiError(createExperiment(definition('store-basics'), BY));
    expect(duplicate.status).toBe(409);
    const invalid = await apiError(
      createExperiment(definition('store-invalid', { controlVariant: 'nobody' }), BY),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.errors).toEqual([
      { path: 'body.controlVariant', message: 'must be one of the variants (control, haiku)' },
    ]);

    const renamed = await updateExperiment(
      'store-basics',
      { name: 'Renamed' },
      { by: BY, expectedRevision: 0 },
    );
    expect(renamed).toMatchObject({ name: 'Renamed', revision: 1 });
    const stale = await apiError(
      updateExperiment('store-basics', { name: 'Again' }, { by: BY, expectedRevision: 0 }),
    );
    expect(stale.status).toBe(409);
    expect((await getExperiment('store-basics'))!.name).toBe('Renamed');

    // Concurrent edits: every accepted one is in the history, none is lost; the others are 409s.
    const edits = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => updateExperiment('store-basics', { holdoutPercent: n }, { by: `user${n}` })),
    );
    const accepted = edits.filter((e) => e.status === 'fulfilled').length;
    expect(accepted).toBeGreaterThanOrEqual(1);
    for (const e of edits) if (e.status === 'rejected') expect(toApiError(e.reason, 'test').status).toBe(409);
    const afterEdits = (await getExperiment('store-basics'))!;
    expect(afterEdits.revision).toBe(1 + accepted);
    expect(afterEdits.history).toHaveLength(2 + accepted);

    await started('store-running');
    const notEditable = await apiError(updateExperiment('store-running', { name: 'x' }, { by: BY }));
    expect(notEditable.status).toBe(422);

    const all = await listExperiments();
    expect(all.map((e) => e.key)).toEqual(expect.arrayContaining(['store-basics', 'store-running']));
    expect(all.map((e) => e.key)).not.toContain('store-invalid');
    const running = await listExperiments({ status: 'running' });
    expect(running.map((e) => e.key)).toContain('store-running');
    expect(running.map((e) => e.key)).not.toContain('store-basics');
    expect((await listExperiments({ status: 'draft' })).map((e) => e.key)).toContain('store-basics');
  });
});
