import { afterAll, describe, expect, it } from 'vitest';
import { putItem, queryItems } from '@/lib/db/items';
import { advanceRamp } from '@/lib/experiments/advance-ramp';
import { assignVariant } from '@/lib/experiments/assign-variant';
import { chooseAnalyzerVariant } from '@/lib/experiments/choose-analyzer-variant';
import { createExperiment } from '@/lib/experiments/create-experiment';
import type { ExperimentDefinitionInput } from '@/lib/experiments/experiment';
import { findRunningExperimentFor } from '@/lib/experiments/find-running-experiment';
import { getExperiment, requireExperiment } from '@/lib/experiments/get-experiment';
import { getExperimentResults } from '@/lib/experiments/get-experiment-results';
import { getObservationSummary } from '@/lib/experiments/get-observation-summary';
import { buildResultsInput } from '@/lib/experiments/results-input';
import { computeResults } from '@/lib/experiments/stats';
import { listExperiments } from '@/lib/experiments/list-experiments';
import { recordObservation } from '@/lib/experiments/record-observation';
import { rollbackRamp } from '@/lib/experiments/rollback-ramp';
import { transitionExperiment } from '@/lib/experiments/transition-experiment';
import { updateExperiment } from '@/lib/experiments/update-experiment';
import { ApiError } from '@/lib/http/errors';
import { appendConsent } from '@/lib/privacy/consent/append-consent';
import { closeEventPublisher } from '@/lib/stream/event-publisher';
import { useTestStack } from './support/test-stack';

// Customers without a consent entry allow what experiments need; a few below withdraw it explicitly.
const previousDefaults = process.env.CONSENT_DEFAULT_GRANTED;
process.env.CONSENT_DEFAULT_GRANTED = 'analytics,personalization,ai_processing';

const BY = 'marketing@example.com';
const STATISTICAL = { provider: 'statistical' as const };
const HAIKU = { provider: 'bedrock' as const, model: 'haiku' };

const definition = (
  key: string,
  overrides: Partial<ExperimentDefinitionInput> = {},
): ExperimentDefinitionInput => ({
  key,
  name: `Experiment ${key}`,
  hypothesis: 'Claude Haiku predicts next purchases better than the statistical text, at under a cent each.',
  variants: [
    { name: 'control', analyzer: STATISTICAL, weight: 50 },
    { name: 'haiku', analyzer: HAIKU, weight: 50 },
  ],
  controlVariant: 'control',
  primaryMetric: 'accuracy',
  secondaryMetrics: ['cost_usd'],
  guardrails: [{ metric: 'latency_ms', tolerancePercent: 20 }],
  ...overrides,
});

async function started(key: string, overrides: Partial<ExperimentDefinitionInput> = {}) {
  await createExperiment(definition(key, overrides), BY);
  return transitionExperiment(key, { to: 'running' }, { by: BY });
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const customer = (customerId: string, segment?: string) =>
  putItem('customers', {
    customerId,
    firstName: 'Test',
    lastName: 'Shopper',
    email: `${customerId}@example.com`,
    city: 'Utrecht',
    postcode: '3511',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...(segment ? { segment } : {}),
  });

const withdraw = (customerId: string, purpose: 'personalization' | 'ai_processing') =>
  appendConsent({
    customerId,
    changes: { [purpose]: false },
    policyVersion: '1',
    noticeText: 'notice',
    source: 'officer',
    actor: { kind: 'user', id: 'privacy@example.com' },
    gpc: false,
  });

const assignmentRows = (experimentId: string) =>
  queryItems('experiment_assignments', {
    keyCondition: 'experimentId = :e',
    values: { ':e': experimentId },
    consistent: true,
  });

describe('experiments store, assignment and observations', () => {
  useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
    if (previousDefaults === undefined) delete process.env.CONSENT_DEFAULT_GRANTED;
    else process.env.CONSENT_DEFAULT_GRANTED = previousDefaults;
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
    for (const e of edits) if (e.status === 'rejected') expect((e.reason as ApiError).status).toBe(409);
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

  it('keeps every assignment through a weight change and a ramp step, admitting newcomers as the ramp grows', async () => {
    await started('sticky', {
      variants: [
        { name: 'control', analyzer: STATISTICAL, weight: 50 },
        { name: 'haiku', analyzer: HAIKU, weight: 50 },
      ],
      rampSteps: [30, 100],
    });
    const ids = Array.from({ length: 120 }, (_, i) => `stick_${i}`);
    const first = new Map<string, string>();
    const outside: string[] = [];
    for (const id of ids) {
      const outcome = await assignVariant('sticky', id);
      if (outcome.inExperiment) {
        expect(outcome).toMatchObject({ new: true, active: true });
        first.set(id, outcome.variant);
      } else {
        expect(outcome.reason).toBe('outside_ramp');
        outside.push(id);
      }
    }
    // 30 % coverage: roughly a third enter; those left out are not recorded.
    expect(first.size).toBeGreaterThan(15);
    expect(first.size).toBeLessThan(60);
    expect(await assignmentRows('sticky')).toHaveLength(first.size);

    await updateExperiment(
      'sticky',
      {
        variants: [
          { name: 'control', analyzer: STATISTICAL, weight: 10 },
          { name: 'haiku', analyzer: HAIKU, weight: 90 },
        ],
      },
      { by: BY },
    );
    await advanceRamp('sticky', { guardrailCheck: { passed: true, results: [] } }, { by: BY });

    const newcomers: string[] = [];
    for (const id of ids) {
      const outcome = await assignVariant('sticky', id);
      expect(outcome.inExperiment).toBe(true);
      if (!outcome.inExperiment) continue;
      if (first.has(id)) expect(outcome).toMatchObject({ variant: first.get(id), new: false });
      else {
        expect(outcome.new).toBe(true);
        newcomers.push(outcome.variant);
      }
    }
    expect(newcomers).toHaveLength(outside.length);
    // Newcomers follow the new 10/90 weights.
    expect(newcomers.filter((v) => v === 'haiku').length / newcomers.length).toBeGreaterThan(0.75);

    // Rolled back to 0 %: paused; the assigned keep their record but are not served; nobody new enters.
    await rollbackRamp(
      'sticky',
      { to: 'zero', failedGuardrail: 'latency_ms', reason: 'timeouts' },
      { by: BY },
    );
    const kept = await assignVariant('sticky', ids[0]!);
    expect(kept).toMatchObject({ inExperiment: true, active: false, new: false });
    expect(await assignVariant('sticky', 'stick_newcomer')).toEqual({
      inExperiment: false,
      experimentKey: 'sticky',
      reason: 'not_running',
    });
    const experiment = (await getExperiment('sticky'))!;
    expect(experiment.status).toBe('paused');
    expect(experiment.ramp.history.at(-1)).toMatchObject({
      action: 'rollback',
      failedGuardrail: 'latency_ms',
      toPercent: 0,
    });
  });

  it('checks the sample ratio against the weights in force at each assignment, not only today’s', async () => {
    const wide = { provider: 'statistical' as const, nextPurchaseCoverage: 0.9 };
    await started('reweighted', {
      variants: [
        { name: 'control', analyzer: STATISTICAL, weight: 50 },
        { name: 'wide', analyzer: wide, weight: 50 },
      ],
    });
    for (let i = 0; i < 300; i++) await assignVariant('reweighted', `rw_a_${i}`);
    await updateExperiment(
      'reweighted',
      {
        variants: [
          { name: 'control', analyzer: STATISTICAL, weight: 10 },
          { name: 'wide', analyzer: wide, weight: 90 },
        ],
      },
      { by: BY },
    );
    for (let i = 0; i < 300; i++) await assignVariant('reweighted', `rw_b_${i}`);
    const { results, sample } = await getExperimentResults('reweighted');
    expect(Object.values(sample.assignedPerVariant).reduce((a, b) => a + b, 0)).toBe(600);
    expect(results.srm.status).toBe('ok');
    // Today's 10/90 alone would call this split (about 180/420) broken.
    const experiment = (await getExperiment('reweighted'))!;
    const today = computeResults(buildResultsInput(experiment, [], sample.assignedPerVariant));
    expect(today.srm.status).toBe('alarm');
  });

  it('holds out a share of customers, served like control and recorded as holdout', async () => {
    await started('holdout-test', { holdoutPercent: 40 });
    const held: string[] = [];
    for (let i = 0; i < 150; i++) {
      const outcome = await assignVariant('holdout-test', `hold_${i}`);
      expect(outcome.inExperiment).toBe(true);
      if (!outcome.inExperiment || !outcome.holdout) continue;
      expect(outcome).toMatchObject({ variant: 'holdout', analyzer: STATISTICAL, active: true });
      held.push(`hold_${i}`);
    }
    expect(held.length / 150).toBeGreaterThan(0.25);
    expect(held.length / 150).toBeLessThan(0.55);
    const rows = await assignmentRows('holdout-test');
    expect(
      rows
        .filter((r) => r.variant === 'holdout')
        .map((r) => r.customerId)
        .sort(),
    ).toEqual([...held].sort());
    expect(await assignVariant('holdout-test', held[0]!)).toMatchObject({
      variant: 'holdout',
      holdout: true,
      new: false,
    });
  });

  it('admits only targeted, consenting customers, and routes each to one running experiment', async () => {
    await Promise.all([
      customer('tgt_champion', 'Champions'),
      customer('tgt_lost', 'Lost'),
      customer('tgt_none'),
      customer('tgt_private', 'Champions'),
      customer('tgt_no_ai', 'Champions'),
    ]);
    await withdraw('tgt_private', 'personalization');
    await withdraw('tgt_no_ai', 'ai_processing');
    await started('champions-only', { targeting: { segments: ['Champions'] } });

    const reason = async (id: string) => {
      const outcome = await assignVariant('champions-only', id);
      return outcome.inExperiment ? 'in' : outcome.reason;
    };
    expect(await reason('tgt_champion')).toBe('in');
    expect(await reason('tgt_lost')).toBe('not_targeted');
    expect(await reason('tgt_none')).toBe('not_targeted');
    expect(await reason('tgt_unknown')).toBe('not_targeted');
    expect(await reason('tgt_private')).toBe('no_consent');
    expect(await reason('tgt_no_ai')).toBe('no_consent');
    expect((await assignmentRows('champions-only')).map((r) => r.customerId)).toEqual(['tgt_champion']);

    // Several running experiments may target a customer: the earliest started decides their analyzer.
    for (const e of await listExperiments({ status: 'running' }))
      if (e.key !== 'champions-only')
        await transitionExperiment(e.key, { to: 'stopped', reason: 'make room' }, { by: BY });
    await started('everyone-later');
    expect((await findRunningExperimentFor({ segment: 'Champions' }))?.key).toBe('champions-only');
    expect((await findRunningExperimentFor({ segment: 'Lost' }))?.key).toBe('everyone-later');
    expect((await findRunningExperimentFor({ segment: null }))?.key).toBe('everyone-later');
    expect(await chooseAnalyzerVariant({ customerId: 'tgt_champion', segment: 'Champions' })).toMatchObject({
      experimentKey: 'champions-only',
      new: false,
    });
    const lost = await chooseAnalyzerVariant({ customerId: 'tgt_lost', segment: 'Lost' });
    expect(lost).toMatchObject({ experimentKey: 'everyone-later', new: true });
    expect(lost!.analyzer).toEqual(
      lost!.variant === 'haiku' ? { ...HAIKU, promptVersion: 'insight-v1' } : STATISTICAL,
    );
    // Someone whose data may not go to a model stays out of an experiment with a model arm: the default analyzer.
    expect(await chooseAnalyzerVariant({ customerId: 'tgt_no_ai', segment: 'Champions' })).toBeUndefined();
  });

  it('agrees on one assignment when 20 first calls for a customer race', async () => {
    await started('race', { rampSteps: [100] });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => assignVariant('race', 'racer_1')));
    const rows = await assignmentRows('race');
    expect(rows).toHaveLength(1);
    for (const o of outcomes) expect(o).toMatchObject({ inExperiment: true, variant: rows[0]!.variant });
    expect(outcomes.filter((o) => o.inExperiment && o.new)).toHaveLength(1);
  });

  it('records observations once per id as running sums per variant, metric and day', async () => {
    await createExperiment(definition('observed'), BY);
    const early = await apiError(
      recordObservation('observed', { observationId: 'o0', variant: 'control', values: { cost_usd: 0 } }),
    );
    expect(early.status).toBe(422);
    await transitionExperiment('observed', { to: 'running' }, { by: BY });

    const day1 = '2026-03-02T10:00:00Z';
    const day2 = '2026-03-03T10:00:00Z';
    const observations = [
      {
        id: 'a1',
        variant: 'haiku',
        at: day1,
        values: { cost_usd: 0.002, latency_ms: 800, accuracy: 1 },
        pre: 0.5,
      },
      {
        id: 'a2',
        variant: 'haiku',
        at: day1,
        values: { cost_usd: 0.003, latency_ms: 1200, accuracy: 0 },
        pre: 0.4,
      },
      {
        id: 'a3',
        variant: 'haiku',
        at: day2,
        values: { cost_usd: 0.001, latency_ms: 1000, accuracy: 1 },
        pre: 0.9,
      },
      {
        id: 'b1',
        variant: 'control',
        at: day1,
        values: { cost_usd: 0, latency_ms: 5, accuracy: 0 },
        pre: 0.2,
      },
      {
        id: 'b2',
        variant: 'control',
        at: day2,
        values: { cost_usd: 0, latency_ms: 7, accuracy: 1 },
        pre: 0.6,
      },
    ];
    for (const o of observations) {
      const result = await recordObservation('observed', {
        observationId: o.id,
        variant: o.variant,
        at: o.at,
        values: o.values,
        covariates: { accuracy: o.pre },
      });
      expect(result).toEqual({ recorded: true });
    }
    // Redelivered: once sequentially, and 20 times at once.
    expect(
      await recordObservation('observed', {
        observationId: 'a1',
        variant: 'haiku',
        at: day1,
        values: observations[0]!.values,
      }),
    ).toEqual({ recorded: false });
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        recordObservation('observed', {
          observationId: 'burst',
          variant: 'haiku',
          at: day2,
          values: { schema_valid: 1 },
        }),
      ),
    );
    expect(burst.filter((r) => r.recorded)).toHaveLength(1);

    const summary = await getObservationSummary('observed');
    const total = (variant: string, metric: string) =>
      summary.totals.find((t) => t.variant === variant && t.metric === metric)!;
    const latency = total('haiku', 'latency_ms');
    expect(latency).toMatchObject({ n: 3, sum: 3000, sumSquares: 800 ** 2 + 1200 ** 2 + 1000 ** 2 });
    expect(total('haiku', 'cost_usd').sum).toBeCloseTo(0.006, 12);
    expect(total('haiku', 'schema_valid')).toMatchObject({ n: 1, sum: 1 });
    const accuracy = total('haiku', 'accuracy');
    expect(accuracy).toMatchObject({ n: 3, sum: 2, sumSquares: 2, nX: 3 });
    expect(accuracy.sumX).toBeCloseTo(1.8, 12);
    expect(accuracy.sumXSquares).toBeCloseTo(0.25 + 0.16 + 0.81, 12);
    expect(accuracy.sumXY).toBeCloseTo(0.5 + 0.9, 12);
    // The derived ratio's cross terms, from observations holding both its parts.
    const ratio = total('haiku', 'cost_per_correct');
    expect(ratio.n).toBe(3);
    expect(ratio.sum).toBeCloseTo(0.006, 12);
    expect(ratio.sumDen).toBe(2);
    expect(ratio.sumNumDen).toBeCloseTo(0.003, 12);
    expect(total('control', 'latency_ms')).toMatchObject({ n: 2, sum: 12 });

    const series = summary.series.filter((s) => s.variant === 'haiku' && s.metric === 'latency_ms');
    expect(series.map((s) => [s.day, s.daily.n, s.cumulative.n, s.cumulative.sum])).toEqual([
      ['2026-03-02', 2, 2, 2000],
      ['2026-03-03', 1, 3, 3000],
    ]);

    // The summary reads one item per variant, metric and day, however many observations there were.
    for (let i = 0; i < 30; i++)
      await recordObservation('observed', {
        observationId: `more_${i}`,
        variant: 'control',
        at: day2,
        values: { latency_ms: 6 },
      });
    const cells = await queryItems('experiment_observations', {
      keyCondition: 'experimentId = :e AND begins_with(#c, :p)',
      names: { '#c': 'cell' },
      values: { ':e': 'observed', ':p': 'sum#' },
    });
    const summaryAfter = await getObservationSummary('observed');
    expect(cells).toHaveLength(summaryAfter.series.length);
    expect(cells.length).toBeLessThan(20);
    expect(summaryAfter.totals.find((t) => t.variant === 'control' && t.metric === 'latency_ms')!.n).toBe(32);
  });

  it('refuses observations it cannot place', async () => {
    await started('observed-strict');
    const refusedWith = async (input: Parameters<typeof recordObservation>[1]) => {
      const error = await apiError(recordObservation('observed-strict', input));
      return [error.status, error.errors?.[0]?.path];
    };
    expect(await refusedWith({ observationId: 'x1', variant: 'sonnet', values: { cost_usd: 0.01 } })).toEqual(
      [400, 'body.variant'],
    );
    expect(await refusedWith({ observationId: 'x2', variant: 'haiku', values: { happiness: 1 } })).toEqual([
      400,
      'body.values.happiness',
    ]);
    expect(await refusedWith({ observationId: 'x3', variant: 'haiku', values: { accuracy: 2 } })).toEqual([
      400,
      'body.values.accuracy',
    ]);
    expect(
      await refusedWith({ observationId: 'x4', variant: 'haiku', values: { cost_per_correct: 0.1 } }),
    ).toEqual([400, 'body.values.cost_per_correct']);
    expect(await refusedWith({ observationId: 'x5', variant: 'haiku', values: { latency_ms: -1 } })).toEqual([
      400,
      'body.values.latency_ms',
    ]);
    expect(await refusedWith({ observationId: 'x6', variant: 'haiku', values: {} })).toEqual([
      400,
      'body.values',
    ]);
    expect(
      (
        await apiError(
          recordObservation('no-such-experiment', {
            observationId: 'x7',
            variant: 'haiku',
            values: { cost_usd: 1 },
          }),
        )
      ).status,
    ).toBe(404);
    // A holdout observation is accepted; nothing refused was counted.
    expect(
      await recordObservation('observed-strict', {
        observationId: 'h1',
        variant: 'holdout',
        values: { latency_ms: 4 },
      }),
    ).toEqual({
      recorded: true,
    });
    expect(
      (await getObservationSummary('observed-strict')).totals.map((t) => `${t.variant}:${t.metric}`),
    ).toEqual(['holdout:latency_ms']);

    await transitionExperiment('observed-strict', { to: 'stopped', reason: 'done' }, { by: BY });
    expect(
      await recordObservation('observed-strict', {
        observationId: 'late',
        variant: 'haiku',
        values: { accuracy: 1 },
      }),
    ).toEqual({
      recorded: true,
    });
    await transitionExperiment(
      'observed-strict',
      { to: 'concluded', reason: 'haiku better', winner: 'haiku' },
      { by: BY },
    );
    const final = await apiError(
      recordObservation('observed-strict', {
        observationId: 'later',
        variant: 'haiku',
        values: { accuracy: 1 },
      }),
    );
    expect(final.status).toBe(422);
  });
});
