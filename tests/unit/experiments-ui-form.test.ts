import { describe, expect, it } from 'vitest';
import { analyzerConfigSchema } from '@/lib/analysis/analyzers/analyzer-config';
import {
  evenWeights,
  fieldOf,
  groupFieldErrors,
  initialFormState,
  metricRoleOf,
  parseRampSteps,
  setMetricRole,
  toCreateBody,
  weightTotal,
} from '@/components/experiments/form-model';
import { computePlan, type PowerInput } from '@/components/experiments/power-calc';
import { experimentDefinitionSchema } from '@/lib/experiments/experiment';
import { sampleSizeForProportions } from '@/lib/experiments/stats/power';

describe('toCreateBody', () => {
  it('turns a filled form into a body the server schema accepts', () => {
    const state = {
      ...initialFormState('insight-v1'),
      key: 'haiku-vs-baseline',
      name: 'Haiku against the baseline',
      hypothesis: 'Haiku predicts better.',
      plannedSampleSize: '1200',
      holdoutPercent: '5',
      allSegments: false,
      segments: ['Champions', 'At Risk'],
    };
    const body = toCreateBody(state);
    expect(body.variants).toEqual([
      { name: 'control', analyzer: { provider: 'statistical' }, weight: 50 },
      {
        name: 'haiku',
        analyzer: { provider: 'bedrock', model: 'haiku', promptVersion: 'insight-v1' },
        weight: 50,
      },
    ]);
    expect(body).toMatchObject({
      controlVariant: 'control',
      plannedSampleSizePerVariant: 1200,
      holdoutPercent: 5,
      rampSteps: [10, 50, 100],
      guardrails: [{ metric: 'latency_ms', tolerancePercent: 10 }],
      targeting: { segments: ['Champions', 'At Risk'] },
    });
    expect(experimentDefinitionSchema.safeParse(body).success).toBe(true);
  });

  it('sends a statistical window coverage typed in percent as a fraction, and none when left empty', () => {
    const base = initialFormState('insight-v1');
    const state = {
      ...base,
      variants: base.variants.map((v) => (v.id === 0 ? { ...v, coverage: '90' } : v)),
    };
    expect(toCreateBody(state).variants[0]?.analyzer).toEqual({
      provider: 'statistical',
      nextPurchaseCoverage: 0.9,
    });
    expect(toCreateBody(base).variants[0]?.analyzer).toEqual({ provider: 'statistical' });
  });

  it('sends the timing model chosen for a statistical variant, so two arms can differ in their predictions', () => {
    const base = initialFormState('insight-v1');
    const state = {
      ...base,
      variants: base.variants.map((v) => (v.id === 0 ? { ...v, timing: 'gap' as const } : v)),
    };
    const body = toCreateBody(state);
    expect(body.variants[0]?.analyzer).toEqual({ provider: 'statistical', timing: 'gap' });
    expect(analyzerConfigSchema.safeParse(body.variants[0]?.analyzer).success).toBe(true);
  });

  it('keeps the control when its row is renamed, and leaves optional numbers out when empty', () => {
    const base = initialFormState('insight-v1');
    const state = {
      ...base,
      variants: base.variants.map((v) => (v.id === 0 ? { ...v, name: 'baseline' } : v)),
      holdoutPercent: '',
      rampSteps: ' ',
    };
    const body = toCreateBody(state);
    expect(body.controlVariant).toBe('baseline');
    expect(body).not.toHaveProperty('holdoutPercent');
    expect(body).not.toHaveProperty('rampSteps');
    expect(body).not.toHaveProperty('plannedSampleSizePerVariant');
  });

  it('sends what was typed, so the server names a bad weight or step at its index', () => {
    const base = initialFormState('insight-v1');
    const state = {
      ...base,
      key: 'abc',
      name: 'n',
      hypothesis: 'h',
      variants: base.variants.map((v) => (v.id === 1 ? { ...v, weight: '' } : v)),
      rampSteps: '50, x, 100',
    };
    const result = experimentDefinitionSchema.safeParse(JSON.parse(JSON.stringify(toCreateBody(state))));
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('variants.1.weight');
    expect(paths).toContain('rampSteps.1');
  });

  it('parses ramp steps and even weights', () => {
    expect(parseRampSteps('10, 50 100;')).toEqual([10, 50, 100]);
    expect(parseRampSteps('25 %, 100')).toEqual([25, 100]);
    expect(evenWeights(3)).toEqual(['34', '33', '33']);
    expect(
      evenWeights(6)
        .map(Number)
        .reduce((a, b) => a + b, 0),
    ).toBe(100);
    expect(weightTotal(initialFormState('v').variants)).toBe(100);
  });
});

describe('field errors', () => {
  it('puts each problem next to the field its path names', () => {
    expect(fieldOf('body.variants.1.weight')).toBe('variants.1.weight');
    expect(fieldOf('body.variants.0.analyzer.model')).toBe('variants.0.model');
    expect(fieldOf('body.variants.0.analyzer')).toBe('variants.0');
    expect(fieldOf('body.variants.0.analyzer.nextPurchaseCoverage')).toBe('variants.0.coverage');
    expect(fieldOf('body.variants')).toBe('variants');
    expect(fieldOf('body.rampSteps.2')).toBe('rampSteps');
    expect(fieldOf('body.targeting.segments.0')).toBe('targeting');
    expect(fieldOf('body.key')).toBe('key');
    expect(fieldOf('body.hashSeed')).toBe('form');
    expect(fieldOf('query.status')).toBe('form');
  });

  it('groups the messages, says which list item they are about, and drops repeats', () => {
    const grouped = groupFieldErrors([
      { path: 'body.variants.1.weight', message: 'must be 0–100' },
      { path: 'body.rampSteps.1', message: 'each step must be above the one before (10 follows 50)' },
      { path: 'body.guardrails.0.tolerancePercent', message: 'too big' },
      { path: 'body.customMetrics', message: 'x is declared twice' },
      { path: 'body.variants', message: 'the weights must add up to 100' },
      { path: 'body.variants', message: 'the weights must add up to 100' },
    ]);
    expect(grouped).toEqual({
      'variants.1.weight': ['must be 0–100'],
      rampSteps: ['step 2: each step must be above the one before (10 follows 50)'],
      guardrails: ['guardrail 1: too big'],
      form: ['customMetrics: x is declared twice'],
      variants: ['the weights must add up to 100'],
    });
  });
});

describe('computePlan', () => {
  const input: PowerInput = {
    kind: 'proportion',
    baselinePercent: 10,
    mean: 0,
    sd: 0,
    mdePercent: 20,
    alpha: 0.05,
    powerPercent: 80,
    test: 'fixed',
    variants: 2,
    trafficPerDay: 500,
    holdoutPercent: 0,
    unit: '%',
  };

  it('gives the documented 3,839 users per variant for 10 % → 12 % (fixed test) and the duration', () => {
    const plan = computePlan(input);
    expect(plan.ok && plan.perVariant).toBe(3839);
    expect(plan.ok && plan.total).toBe(7678);
    expect(plan.ok && plan.days).toBe(16);
    expect(plan.ok && plan.summary).toMatch(
      /^3,839 users per variant \(7,678 in all\) to detect 10 % → 12 %/,
    );
  });

  it('asks the sequential test for more users, and the holdout for more days', () => {
    const sequential = computePlan({ ...input, test: 'sequential' });
    expect(sequential.ok && sequential.perVariant).toBe(
      sampleSizeForProportions(0.1, 0.02, { test: 'sequential' }),
    );
    const held = computePlan({ ...input, holdoutPercent: 20 });
    expect(held.ok && held.days).toBe(20);
  });

  it('sizes a mean from its sd: half a standard deviation needs 63 per variant', () => {
    const plan = computePlan({
      ...input,
      kind: 'mean',
      mean: 10,
      sd: 10,
      mdePercent: 50,
      unit: 'ms',
      trafficPerDay: 0,
    });
    expect(plan.ok && plan.perVariant).toBe(63);
    expect(plan.ok && plan.days).toBeNull();
    expect(plan.ok && plan.summary).toContain('a change of 5 ms from 10 ms');
  });

  it('says what is wrong instead of a number', () => {
    expect(computePlan({ ...input, baselinePercent: 0 })).toMatchObject({ ok: false });
    expect(computePlan({ ...input, baselinePercent: 90, mdePercent: 20 })).toEqual({
      ok: false,
      problem: 'The baseline plus the effect would reach 100 %: choose a smaller effect.',
    });
    expect(computePlan({ ...input, kind: 'mean', mean: 5, sd: 0 })).toMatchObject({ ok: false });
    expect(computePlan({ ...input, mdePercent: Number.NaN })).toMatchObject({ ok: false });
  });
});

describe('metric roles', () => {
  it('gives each metric one role and a new primary demotes the old one to unused', () => {
    let state = initialFormState('insight-v1');
    expect(metricRoleOf(state, 'accuracy')).toBe('primary');
    expect(metricRoleOf(state, 'cost_usd')).toBe('secondary');
    expect(metricRoleOf(state, 'latency_ms')).toBe('guardrail');
    state = setMetricRole(state, 'cost_usd', 'primary');
    expect(state.primaryMetric).toBe('cost_usd');
    expect(state.secondaryMetrics).toEqual([]);
    expect(metricRoleOf(state, 'accuracy')).toBe('');
    state = setMetricRole(state, 'latency_ms', 'secondary');
    expect(state.guardrails).toEqual([]);
    expect(state.secondaryMetrics).toEqual(['latency_ms']);
    state = setMetricRole(state, 'cost_usd', '');
    expect(state.primaryMetric).toBe('');
    expect(
      experimentDefinitionSchema.safeParse(toCreateBody(setMetricRole(state, 'schema_valid', 'guardrail')))
        .success,
    ).toBe(false);
  });

  it('keeps a guardrail tolerance when the guardrail is re-chosen', () => {
    const state = initialFormState('insight-v1');
    const edited = { ...state, guardrails: [{ metric: 'latency_ms', tolerance: '25' }] };
    expect(setMetricRole(edited, 'latency_ms', 'guardrail').guardrails).toEqual([
      { metric: 'latency_ms', tolerance: '25' },
    ]);
    expect(setMetricRole(state, 'schema_valid', 'guardrail', '5').guardrails.at(-1)).toEqual({
      metric: 'schema_valid',
      tolerance: '5',
    });
  });
});
