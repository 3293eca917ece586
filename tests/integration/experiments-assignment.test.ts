import { afterAll, describe, expect, it } from 'vitest';
import { advanceRamp } from '@/lib/experiments/advance-ramp';
import { assignVariant } from '@/lib/experiments/assign-variant';
import { chooseAnalyzerVariant } from '@/lib/experiments/choose-analyzer-variant';
import { findRunningExperimentFor } from '@/lib/experiments/find-running-experiment';
import { getExperiment } from '@/lib/experiments/get-experiment';
import { getExperimentResults } from '@/lib/experiments/get-experiment-results';
import { buildResultsInput } from '@/lib/experiments/results-input';
import { computeResults } from '@/lib/experiments/stats';
import { listExperiments } from '@/lib/experiments/list-experiments';
import { rollbackRamp } from '@/lib/experiments/rollback-ramp';
import { transitionExperiment } from '@/lib/experiments/transition-experiment';
import { updateExperiment } from '@/lib/experiments/update-experiment';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { useTestStack } from './support/test-stack';
import {
  assignmentRows,
  BY,
  customer,
  grantExperimentDefaults,
  HAIKU,
  started,
  STATISTICAL,
  withdraw,
} from './support/experiments-kit';

// Customers without a consent entry allow what experiments need; some tests withdraw it explicitly.
grantExperimentDefaults();

describe('experiments: sticky assignment', () => {
  useTestStack();
  afterAll(async () => {
    await closeEventPublisher();
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
      lost!.variant === 'haiku' ? { ...HAIKU, promptVersion: 'insight-v2' } : STATISTICAL,
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
});
