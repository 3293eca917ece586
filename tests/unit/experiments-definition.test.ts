import { describe, expect, it } from 'vitest';
import {
  EXPERIMENT_STATUSES,
  experimentDefinitionSchema,
  experimentSchema,
  parseInput,
  type Experiment,
  type ExperimentDefinitionInput,
} from '@/lib/experiments/experiment';
import {
  applyPatch,
  applyTransition,
  canTransition,
  currentPercent,
  newExperiment,
} from '@/lib/experiments/lifecycle';
import { applyRampAdvance, applyRampRollback, currentCoverage } from '@/lib/experiments/ramp';
import { DomainError } from '@/lib/errors/domain-error';
import { toApiError, type ApiError } from '@/lib/http/errors';

const T0 = new Date('2026-03-02T09:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const BY = 'marketing@example.com';

const definition = (overrides: Partial<ExperimentDefinitionInput> = {}): ExperimentDefinitionInput => ({
  key: 'haiku-vs-baseline',
  name: 'Haiku against the statistical baseline',
  hypothesis: 'Claude Haiku writes insights that predict the next purchase better, at under a cent each.',
  variants: [
    { name: 'control', analyzer: { provider: 'statistical' }, weight: 50 },
    { name: 'haiku', analyzer: { provider: 'bedrock', model: 'haiku' }, weight: 50 },
  ],
  controlVariant: 'control',
  primaryMetric: 'accuracy',
  secondaryMetrics: ['cost_per_correct'],
  guardrails: [{ metric: 'latency_ms', tolerancePercent: 20 }, { metric: 'schema_valid' }],
  rampSteps: [10, 50, 100],
  ...overrides,
});

/** The field errors of a refused definition, as a route would send them. */
function errorsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseInput(experimentDefinitionSchema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const problem = toApiError(error, 'test');
    expect(problem.status).toBe(400);
    return problem.errors ?? [];
  }
  throw new Error('the definition was accepted');
}

const pathsOf = (input: unknown) => errorsOf(input).map((e) => e.path);

/** The refusal as the API answers it (status, detail, field errors). */
function refusal(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return toApiError(error, 'test');
  }
  throw new Error('the change was accepted');
}

const draft = (overrides: Partial<ExperimentDefinitionInput> = {}) =>
  newExperiment(parseInput(experimentDefinitionSchema, definition(overrides)), BY, T0);
const started = (overrides: Partial<ExperimentDefinitionInput> = {}) =>
  applyTransition(draft(overrides), { to: 'running' }, BY, later(1));
const passing = { passed: true, results: [{ metric: 'latency_ms', passed: true }] };

describe('experiment definition', () => {
  it('accepts a complete definition and fills the defaults', () => {
    const parsed = parseInput(
      experimentDefinitionSchema,
      definition({ secondaryMetrics: undefined, guardrails: undefined, rampSteps: undefined }),
    );
    expect(parsed.targeting).toEqual({ segments: 'all' });
    expect(parsed.holdoutPercent).toBe(0);
    expect(parsed.rampSteps).toEqual([100]);
    expect(parsed.secondaryMetrics).toEqual([]);
    expect(parsed.variants[1]!.analyzer).toEqual({
      provider: 'bedrock',
      model: 'haiku',
      promptVersion: 'insight-v2', // the current prompt (money in the store's currency)
    });
  });

  it('makes a draft at 0 % whose seed is its key, and the stored shape parses back', () => {
    const e = draft();
    expect(e.status).toBe('draft');
    expect(e.hashSeed).toBe('haiku-vs-baseline');
    expect(e.ramp.currentStep).toBe(-1);
    expect(currentCoverage(e)).toBe(0);
    expect(e.revision).toBe(0);
    expect(e.history).toEqual([{ at: T0.toISOString(), by: BY, change: 'created' }]);
    expect(experimentSchema.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });

  it('names the path of every bad field', () => {
    const errors = errorsOf({
      ...definition(),
      key: 'Not A Slug',
      holdoutPercent: 60,
      variants: [
        { name: 'control', analyzer: { provider: 'statistical' }, weight: 40 },
        { name: 'haiku', analyzer: { provider: 'openai', model: 'gpt' }, weight: 50 },
      ],
    });
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.key', 'body.holdoutPercent', 'body.variants.1.analyzer.provider']),
    );
    expect(errors.find((e) => e.path === 'body.key')!.message).toMatch(/slug/);
    // The create form's own address cannot also be an experiment's.
    expect(errorsOf({ ...definition(), key: 'new' }).find((e) => e.path === 'body.key')!.message).toMatch(
      /reserved/,
    );
  });

  it('requires weights adding up to 100, a known control and unique variant names', () => {
    const weights = errorsOf(
      definition({
        variants: [
          { name: 'control', analyzer: { provider: 'statistical' }, weight: 40 },
          { name: 'haiku', analyzer: { provider: 'bedrock', model: 'haiku' }, weight: 50 },
        ],
      }),
    );
    expect(weights).toEqual([
      { path: 'body.variants', message: 'the weights must add up to 100 (they add up to 90)' },
    ]);
    expect(pathsOf(definition({ controlVariant: 'baseline' }))).toEqual(['body.controlVariant']);
    expect(
      pathsOf(
        definition({
          variants: [
            { name: 'a', analyzer: { provider: 'statistical' }, weight: 50 },
            { name: 'a', analyzer: { provider: 'statistical' }, weight: 50 },
          ],
          controlVariant: 'a',
        }),
      ),
    ).toEqual(['body.variants.1.name']);
    expect(
      pathsOf(
        definition({
          variants: [
            { name: 'control', analyzer: { provider: 'statistical' }, weight: 50 },
            { name: 'holdout', analyzer: { provider: 'statistical' }, weight: 50 },
          ],
        }),
      ),
    ).toEqual(['body.variants.1.name']);
    expect(
      pathsOf(
        definition({ variants: [{ name: 'control', analyzer: { provider: 'statistical' }, weight: 100 }] }),
      ),
    ).toContain('body.variants');
  });

  it('knows the model arms: a Bedrock variant needs a model and a prompt version that exists', () => {
    const bedrock = (analyzer: unknown) =>
      definition({
        variants: [
          { name: 'control', analyzer: { provider: 'statistical' }, weight: 50 },
          { name: 'b', analyzer: analyzer as { provider: 'bedrock'; model: string }, weight: 50 },
        ],
      });
    expect(pathsOf(bedrock({ provider: 'bedrock' }))).toEqual(['body.variants.1.analyzer.model']);
    expect(pathsOf(bedrock({ provider: 'bedrock', model: 'sonnet', promptVersion: 'insight-v9' }))).toEqual([
      'body.variants.1.analyzer.promptVersion',
    ]);
    expect(pathsOf(bedrock({ provider: 'statistical', model: 'haiku' }))).toEqual([
      'body.variants.1.analyzer',
    ]);
  });

  it('accepts only metrics of the catalogue or declared custom ones, each in one role', () => {
    expect(pathsOf(definition({ primaryMetric: 'happiness' }))).toEqual(['body.primaryMetric']);
    expect(pathsOf(definition({ secondaryMetrics: ['accuracy'] }))).toEqual(['body.secondaryMetrics.0']);
    expect(pathsOf(definition({ guardrails: [{ metric: 'cost_per_correct' }] }))).toEqual([
      'body.guardrails.0.metric',
    ]);
    expect(pathsOf(definition({ guardrails: [{ metric: 'latency_ms' }, { metric: 'latency_ms' }] }))).toEqual(
      ['body.guardrails.1.metric'],
    );
    const custom = {
      key: 'basket_eur',
      name: 'Basket',
      kind: 'mean' as const,
      direction: 'higher' as const,
      unit: 'EUR',
    };
    expect(() =>
      parseInput(
        experimentDefinitionSchema,
        definition({ primaryMetric: 'basket_eur', customMetrics: [custom] }),
      ),
    ).not.toThrow();
    expect(pathsOf(definition({ customMetrics: [{ ...custom, key: 'accuracy' }] }))).toEqual([
      'body.customMetrics.0.key',
    ]);
  });

  it('wants ramp steps that increase, targeting of known segments, and no unknown fields', () => {
    expect(pathsOf(definition({ rampSteps: [10, 50, 50] }))).toEqual(['body.rampSteps.2']);
    expect(pathsOf(definition({ rampSteps: [0, 100] }))).toEqual(['body.rampSteps.0']);
    expect(pathsOf(definition({ targeting: { segments: ['Champions', 'VIPs' as 'Champions'] } }))).toEqual([
      'body.targeting.segments.1',
    ]);
    expect(pathsOf(definition({ targeting: { segments: ['Lost', 'Lost'] } }))).toEqual([
      'body.targeting.segments.1',
    ]);
    expect(pathsOf(definition({ targeting: { segments: [] } }))).toEqual(['body.targeting.segments']);
    const unknown = errorsOf({ ...definition(), status: 'running' });
    expect(unknown).toEqual([{ path: 'body', message: 'unknown field: status' }]);
  });
});

describe('experiment lifecycle', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = new Set([
      'draft>running',
      'running>paused',
      'running>stopped',
      'paused>running',
      'paused>stopped',
      'stopped>concluded',
    ]);
    for (const from of EXPERIMENT_STATUSES)
      for (const to of EXPERIMENT_STATUSES)
        expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('starts at the first ramp step, with the start in both histories', () => {
    const e = started();
    expect(e.status).toBe('running');
    expect(e.startedAt).toBe(later(1).toISOString());
    expect(e.ramp.currentStep).toBe(0);
    expect(e.ramp.steps[0]!.startedAt).toBe(later(1).toISOString());
    expect(currentCoverage(e)).toBe(0.1);
    expect(e.ramp.history).toEqual([
      { at: later(1).toISOString(), by: BY, action: 'start', fromPercent: 0, toPercent: 10 },
    ]);
    expect(e.history.at(-1)).toMatchObject({ change: 'draft → running', by: BY });
    expect(e.revision).toBe(1);
  });

  it('refuses moves the status does not allow, and says what is allowed', () => {
    const error = refusal(() => applyTransition(draft(), { to: 'concluded', reason: 'done' }, BY, T0));
    expect(error.status).toBe(422);
    expect(error.detail).toBe('A draft experiment cannot become concluded (it may become running).');
    const stopped = applyTransition(started(), { to: 'stopped', reason: 'enough data' }, BY, later(5));
    const concluded = applyTransition(
      stopped,
      { to: 'concluded', reason: 'Haiku wins', winner: 'haiku' },
      BY,
      later(6),
    );
    expect(concluded.conclusion).toEqual({ winner: 'haiku', summary: 'Haiku wins' });
    expect(concluded.concludedAt).toBe(later(6).toISOString());
    expect(refusal(() => applyTransition(concluded, { to: 'running' }, BY, later(7))).detail).toBe(
      'A concluded experiment cannot become running (that is final).',
    );
    expect(refusal(() => applyTransition(started(), { to: 'running' }, BY, later(7))).detail).toBe(
      'The experiment is running already.',
    );
  });

  it('needs a reason to pause, stop or conclude, and a known winner', () => {
    const noReason = refusal(() => applyTransition(started(), { to: 'paused' }, BY, later(2)));
    expect(noReason.status).toBe(400);
    expect(noReason.title).toBe('Bad request'); // the title these checks have always had (zod's say "Invalid request")
    expect(noReason.errors).toEqual([{ path: 'body.reason', message: 'say why the experiment is paused' }]);
    const stopped = applyTransition(started(), { to: 'stopped', reason: 'budget' }, BY, later(2));
    expect(stopped.stoppedAt).toBe(later(2).toISOString());
    expect(stopped.history.at(-1)).toMatchObject({ change: 'running → stopped', reason: 'budget' });
    const badWinner = refusal(() =>
      applyTransition(stopped, { to: 'concluded', reason: 'x', winner: 'sonnet' }, BY, later(3)),
    );
    expect(badWinner.errors?.[0]?.path).toBe('body.winner');
    expect(
      applyTransition(stopped, { to: 'concluded', reason: 'no difference', winner: null }, BY, later(3))
        .conclusion,
    ).toEqual({
      winner: null,
      summary: 'no difference',
    });
  });

  it('edits anything in a draft, re-checking the whole definition', () => {
    const e = applyPatch(draft(), { name: 'Renamed', holdoutPercent: 5, rampSteps: [20, 100] }, BY, later(1));
    expect(e.name).toBe('Renamed');
    expect(e.holdoutPercent).toBe(5);
    expect(e.ramp.steps).toEqual([{ percent: 20 }, { percent: 100 }]);
    expect(e.revision).toBe(1);
    expect(e.history.at(-1)!.change).toBe('edited name; holdoutPercent; ramp steps 10, 50, 100 → 20, 100 %');
    // Removing the variant the control points at leaves the definition inconsistent: refused, with the path.
    const error = refusal(() =>
      applyPatch(
        draft(),
        {
          variants: [
            { name: 'a', analyzer: { provider: 'statistical' }, weight: 50 },
            { name: 'b', analyzer: { provider: 'statistical' }, weight: 50 },
          ],
        },
        BY,
        later(1),
      ),
    );
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([
      { path: 'body.controlVariant', message: 'must be one of the variants (a, b)' },
    ]);
    expect(refusal(() => applyPatch(draft(), {}, BY, later(1))).status).toBe(400);
    expect(refusal(() => applyPatch(draft(), { key: 'other' } as never, BY, later(1))).errors).toEqual([
      { path: 'body', message: 'unknown field: key' },
    ]);
  });

  it('once started, changes only weights and the ramp steps not yet reached', () => {
    const running = started();
    const reweighted = applyPatch(
      running,
      {
        variants: [
          { name: 'control', analyzer: { provider: 'statistical' }, weight: 30 },
          {
            name: 'haiku',
            analyzer: { provider: 'bedrock', model: 'haiku', promptVersion: 'insight-v2' },
            weight: 70,
          },
        ],
        rampSteps: [10, 25, 50, 100],
      },
      BY,
      later(3),
    );
    expect(reweighted.variants.map((v) => v.weight)).toEqual([30, 70]);
    expect(reweighted.ramp.steps.map((s) => s.percent)).toEqual([10, 25, 50, 100]);
    expect(reweighted.ramp.steps[0]!.startedAt).toBe(later(1).toISOString()); // the reached step keeps its record
    expect(reweighted.ramp.currentStep).toBe(0);
    expect(reweighted.history.at(-1)!.change).toBe(
      'edited weights control 50 → 30 %, haiku 50 → 70 %; ramp steps 10, 50, 100 → 10, 25, 50, 100 %',
    );
    expect(reweighted.ramp.history.at(-1)).toMatchObject({
      action: 'reschedule',
      fromPercent: 10,
      toPercent: 10,
    });

    const renamed = refusal(() => applyPatch(running, { name: 'New name' }, BY, later(3)));
    expect(renamed.status).toBe(422);
    expect(renamed.detail).toMatch(/only the variants' weights and the ramp steps can change \(not name\)/);
    const otherModel = refusal(() =>
      applyPatch(
        running,
        {
          variants: [
            { name: 'control', analyzer: { provider: 'statistical' }, weight: 50 },
            { name: 'haiku', analyzer: { provider: 'bedrock', model: 'sonnet' }, weight: 50 },
          ],
        },
        BY,
        later(3),
      ),
    );
    expect(otherModel.status).toBe(422);
    expect(otherModel.errors?.[0]?.path).toBe('body.variants.1');
    const reachedStep = refusal(() => applyPatch(running, { rampSteps: [5, 50, 100] }, BY, later(3)));
    expect(reachedStep.errors?.[0]?.path).toBe('body.rampSteps.0');
    const stopped = applyTransition(running, { to: 'stopped', reason: 'done' }, BY, later(4));
    expect(refusal(() => applyPatch(stopped, { rampSteps: [10, 100] }, BY, later(5))).detail).toBe(
      'A stopped experiment cannot be edited.',
    );
  });
});

describe('ramp', () => {
  it('advances one step after a passing guardrail check, recorded on the step left', () => {
    const e = applyRampAdvance(started(), { guardrailCheck: passing }, BY, later(60));
    expect(e.ramp.currentStep).toBe(1);
    expect(currentPercent(e)).toBe(50);
    expect(e.ramp.steps[0]!.guardrailCheck).toEqual({ ...passing, at: later(60).toISOString() });
    expect(e.ramp.steps[1]!.startedAt).toBe(later(60).toISOString());
    expect(e.ramp.history.at(-1)).toEqual({
      at: later(60).toISOString(),
      by: BY,
      action: 'advance',
      fromPercent: 10,
      toPercent: 50,
    });
    expect(e.history.at(-1)!.change).toBe('ramp 10 % → 50 %');
    const full = applyRampAdvance(e, { guardrailCheck: passing }, BY, later(120));
    expect(currentCoverage(full)).toBe(1);
    expect(refusal(() => applyRampAdvance(full, { guardrailCheck: passing }, BY, later(180))).detail).toBe(
      'The ramp is at its last step (100 %) already.',
    );
  });

  it('refuses to advance on a failed check or when not running', () => {
    const failed = {
      passed: false,
      results: [{ metric: 'latency_ms', passed: false, detail: '+35 % vs control' }],
    };
    const error = refusal(() => applyRampAdvance(started(), { guardrailCheck: failed }, BY, later(60)));
    expect(error.status).toBe(422);
    expect(error.detail).toBe('The guardrail check failed (latency_ms); roll back instead of ramping up.');
    expect(refusal(() => applyRampAdvance(draft(), { guardrailCheck: passing }, BY, later(60))).status).toBe(
      422,
    );
  });

  it('rolls back to the step before, naming the failed guardrail', () => {
    const at50 = applyRampAdvance(started(), { guardrailCheck: passing }, BY, later(60));
    const back = applyRampRollback(
      at50,
      { failedGuardrail: 'latency_ms', reason: 'latency up', detail: 'p50 +40 %' },
      BY,
      later(90),
    );
    expect(back.status).toBe('running');
    expect(currentPercent(back)).toBe(10);
    expect(back.ramp.steps[1]!.guardrailCheck).toEqual({
      passed: false,
      results: [{ metric: 'latency_ms', passed: false, detail: 'p50 +40 %' }],
      at: later(90).toISOString(),
    });
    expect(back.ramp.history.at(-1)).toMatchObject({
      action: 'rollback',
      fromPercent: 50,
      toPercent: 10,
      failedGuardrail: 'latency_ms',
      reason: 'latency up',
    });
    expect(back.history.at(-1)!.change).toBe('ramp 50 % → 10 % (rolled back: latency_ms failed)');
  });

  it('rolls back to 0 % and pauses, from the first step or when asked; resuming restarts at the first step', () => {
    const fromFirst = applyRampRollback(
      started(),
      { failedGuardrail: 'schema_valid', reason: 'broken answers' },
      BY,
      later(30),
    );
    expect(fromFirst.status).toBe('paused');
    expect(fromFirst.ramp.currentStep).toBe(-1);
    expect(currentCoverage(fromFirst)).toBe(0);
    const at50 = applyRampAdvance(started(), { guardrailCheck: passing }, BY, later(60));
    const zero = applyRampRollback(
      at50,
      { to: 'zero', failedGuardrail: 'latency_ms', reason: 'timeouts' },
      BY,
      later(61),
    );
    expect(zero.status).toBe('paused');
    expect(zero.history.at(-1)!.change).toBe(
      'ramp 50 % → 0 % (rolled back: latency_ms failed); running → paused',
    );
    expect(
      refusal(() => applyRampRollback(zero, { failedGuardrail: 'latency_ms', reason: 'x' }, BY, later(62)))
        .detail,
    ).toBe('The ramp is at 0 % already.');
    const resumed = applyTransition(zero, { to: 'running', reason: 'fixed the timeout' }, BY, later(120));
    expect(resumed.ramp.currentStep).toBe(0);
    expect(resumed.ramp.history.at(-1)).toMatchObject({ action: 'resume', fromPercent: 0, toPercent: 10 });
  });

  it('only names metrics of the experiment as the failed guardrail', () => {
    const error = refusal(() =>
      applyRampRollback(started(), { failedGuardrail: 'conversion', reason: 'x' }, BY, later(5)),
    );
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.path).toBe('body.failedGuardrail');
  });
});

describe('stored experiments', () => {
  it('round-trips through JSON with every lifecycle field', () => {
    const e: Experiment = applyRampRollback(
      applyRampAdvance(started({ holdoutPercent: 10 }), { guardrailCheck: passing }, BY, later(60)),
      { failedGuardrail: 'latency_ms', reason: 'slow' },
      BY,
      later(61),
    );
    expect(experimentSchema.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });
});
