import { describe, expect, it } from 'vitest';
import type { Experiment } from '@/lib/experiments/experiment';
import { defaultAnalyzerView } from '@/components/experiments/default-analyzer';
import {
  actionErrorMessage,
  daysRunning,
  LIFECYCLE_ACTIONS,
  rampView,
  sampleRows,
  suggestedWinner,
  variantSummaryRows,
} from '@/components/experiments/experiment-view';
import { STATUS_TRANSITIONS } from '@/lib/experiments/lifecycle';

const experiment = (over: Partial<Experiment> = {}): Experiment => ({
  key: 'haiku-test',
  name: 'Haiku test',
  hypothesis: 'h',
  variants: [
    { name: 'control', analyzer: { provider: 'statistical' }, weight: 50 },
    {
      name: 'haiku',
      analyzer: { provider: 'bedrock', model: 'haiku', promptVersion: 'insight-v1' },
      weight: 50,
    },
  ],
  controlVariant: 'control',
  primaryMetric: 'accuracy',
  secondaryMetrics: [],
  guardrails: [],
  customMetrics: [],
  targeting: { segments: 'all' },
  holdoutPercent: 0,
  hashSeed: 'haiku-test',
  status: 'running',
  ramp: { steps: [{ percent: 10 }, { percent: 50 }, { percent: 100 }], currentStep: 0, history: [] },
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'marketing@example.com',
  updatedAt: '2026-11-01T00:00:00.000Z',
  history: [],
  revision: 3,
  ...over,
});

describe('sampleRows', () => {
  it('measures each variant against the plan, capping the bar at 100 %', () => {
    const rows = sampleRows(['control', 'haiku'], {
      plannedPerVariant: 200,
      assignedPerVariant: { control: 50, haiku: 250 },
    });
    expect(rows).toEqual([
      {
        variant: 'control',
        assigned: 50,
        planned: 200,
        percent: 25,
        label: '50 users of 200 planned (25 %)',
      },
      {
        variant: 'haiku',
        assigned: 250,
        planned: 200,
        percent: 100,
        label: '250 users of 200 planned (125 %)',
      },
    ]);
  });

  it('counts a variant nobody entered as 0 and says when there is no plan', () => {
    expect(sampleRows(['a'], { plannedPerVariant: null, assignedPerVariant: {} })).toEqual([
      { variant: 'a', assigned: 0, planned: null, percent: null, label: '0 users assigned (no plan set)' },
    ]);
  });
});

describe('variantSummaryRows', () => {
  it('names each analyzer and shows cost per correct prediction and pending outcomes with units', () => {
    const rows = variantSummaryRows(experiment(), {
      sample: { plannedPerVariant: 100, assignedPerVariant: { control: 1, haiku: 40 } },
      costPerCorrect: { control: 0, haiku: null },
      pendingOutcomes: { control: 0, haiku: 12 },
    });
    expect(rows[0]).toMatchObject({
      variant: 'control',
      isControl: true,
      weight: '50 %',
      assigned: '1 user',
      costPerCorrect: '0 USD per correct prediction',
      pending: '0 predictions pending',
    });
    expect(rows[1]).toMatchObject({
      analyzer: 'Claude haiku · prompt insight-v1',
      assigned: '40 users',
      costPerCorrect: 'not yet (needs cost and correct outcomes)',
      pending: '12 predictions pending',
    });
    expect(variantSummaryRows(experiment())[1]).toMatchObject({
      assigned: '—',
      costPerCorrect: '—',
      pending: '—',
    });
  });
});

describe('rampView', () => {
  it('marks the step in force and lists moves newest first, naming a failed guardrail', () => {
    const view = rampView(
      experiment({
        ramp: {
          steps: [
            { percent: 10, guardrailCheck: { passed: true, results: [], at: '2026-11-02T00:00:00Z' } },
            { percent: 50, startedAt: '2026-11-03T09:00:00Z' },
            { percent: 100 },
          ],
          currentStep: 1,
          history: [
            { at: '2026-11-01T00:00:00Z', by: 'a', action: 'start', fromPercent: 0, toPercent: 10 },
            { at: '2026-11-02T00:00:00Z', by: 'a', action: 'advance', fromPercent: 10, toPercent: 50 },
            {
              at: '2026-11-03T09:00:00Z',
              by: 'system:guardrails',
              action: 'rollback',
              fromPercent: 100,
              toPercent: 50,
              failedGuardrail: 'latency_ms',
              reason: 'too slow',
            },
          ],
        },
      }),
    );
    expect(view.steps.map((s) => s.state)).toEqual(['done', 'current', 'next']);
    expect(view.steps[0]?.check).toBe('guardrails passed');
    expect(view.steps[1]?.startedAt).toBe('3 Nov 2026 09:00 UTC');
    expect(view.events.map((e) => e.text)).toEqual([
      'Rolled back 100 % → 50 %: guardrail latency_ms failed — too slow',
      'Advanced 10 % → 50 %',
      'Started 0 % → 10 %',
    ]);
    expect(view).toMatchObject({ currentPercent: 50, canAdvance: true, next: 100 });
  });

  it('offers no advance at the last step, when not running, or at 0 %', () => {
    const last = experiment({ ramp: { steps: [{ percent: 100 }], currentStep: 0, history: [] } });
    expect(rampView(last).canAdvance).toBe(false);
    expect(rampView(experiment({ status: 'paused' })).canAdvance).toBe(false);
    expect(
      rampView(experiment({ status: 'draft', ramp: { ...experiment().ramp, currentStep: -1 } })),
    ).toMatchObject({
      currentPercent: 0,
      canAdvance: false,
    });
  });
});

describe('lifecycle and promotion', () => {
  it('offers exactly the transitions the server allows', () => {
    const target = {
      start: 'running',
      resume: 'running',
      pause: 'paused',
      stop: 'stopped',
      conclude: 'concluded',
    };
    for (const [status, actions] of Object.entries(LIFECYCLE_ACTIONS)) {
      const allowed = STATUS_TRANSITIONS[status as Experiment['status']];
      expect(actions.map((a) => target[a]).sort(), status).toEqual([...allowed].sort());
    }
  });

  it('proposes the decision winner, or the one named when concluding', () => {
    const ship = { action: 'ship', variant: 'haiku', label: 'ship haiku', reason: '' } as const;
    expect(suggestedWinner(experiment(), ship)).toBe('haiku');
    expect(suggestedWinner(experiment(), { ...ship, action: 'keep-running', variant: null })).toBeNull();
    expect(suggestedWinner(experiment({ conclusion: { winner: 'control' } }), ship)).toBe('control');
    expect(suggestedWinner(experiment({ conclusion: { winner: null } }), null)).toBeNull();
  });

  it('counts days running to the stop', () => {
    const now = new Date('2026-11-10T12:00:00Z');
    expect(daysRunning(experiment(), now)).toBeNull();
    expect(daysRunning(experiment({ startedAt: '2026-11-01T13:00:00Z' }), now)).toBe(8);
    expect(
      daysRunning(experiment({ startedAt: '2026-11-01T13:00:00Z', stoppedAt: '2026-11-03T14:00:00Z' }), now),
    ).toBe(2);
  });

  it('explains a conflict as a change by someone else', () => {
    expect(actionErrorMessage({ status: 409, message: 'x' })).toMatch(/changed by someone else/);
    expect(actionErrorMessage({ status: 422, message: 'The ramp is at its last step.' })).toBe(
      'The ramp is at its last step.',
    );
  });

  it('shows the promoted default with its origin, else what the configuration names', () => {
    expect(
      defaultAnalyzerView(
        {
          config: { provider: 'bedrock', model: 'haiku', promptVersion: 'insight-v1' },
          setAt: '2026-11-05T10:00:00Z',
          setBy: 'marketing@example.com',
          source: { experimentKey: 'haiku-test', variant: 'haiku' },
        },
        { analyzer: 'statistical', bedrockModel: 'haiku', promptVersion: 'insight-v1' },
      ),
    ).toEqual({
      label: 'Claude haiku · prompt insight-v1',
      experimentKey: 'haiku-test',
      variant: 'haiku',
      setAt: '2026-11-05T10:00:00Z',
      setBy: 'marketing@example.com',
    });
    expect(
      defaultAnalyzerView(undefined, {
        analyzer: 'statistical',
        bedrockModel: 'haiku',
        promptVersion: 'insight-v1',
      }).label,
    ).toBe('Statistical (no language model)');
  });
});
