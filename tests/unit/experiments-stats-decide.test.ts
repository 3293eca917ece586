import { describe, expect, it } from 'vitest';
import { decide, type DecisionComparison, type DecisionInput } from '@/lib/experiments/stats/decide';

/** An effect ± halfWidth, with its relative version against a control mean of `base`. */
const effectOf = (estimate: number, halfWidth: number, base: number) => ({
  estimate,
  lower: estimate - halfWidth,
  upper: estimate + halfWidth,
  relative: {
    estimate: estimate / base,
    lower: (estimate - halfWidth) / base,
    upper: (estimate + halfWidth) / base,
  },
});

const primary = (variant: string, estimate: number, p: number, extra: Partial<DecisionComparison> = {}) =>
  ({
    metric: 'accuracy',
    role: 'primary',
    direction: 'higher-is-better',
    variant,
    effect: effectOf(estimate, 0.02, 0.4),
    unavailable: null,
    pValueCorrected: p,
    minimumEffect: 0.03,
    ...extra,
  }) satisfies DecisionComparison;

const latency = (variant: string, estimate: number, p: number): DecisionComparison => ({
  metric: 'latency',
  role: 'guardrail',
  direction: 'lower-is-better',
  variant,
  effect: effectOf(estimate, 50, 900),
  unavailable: null,
  pValueCorrected: p,
  minimumEffect: 100,
});

const input = (comparisons: DecisionComparison[], extra: Partial<DecisionInput> = {}): DecisionInput => ({
  alpha: 0.05,
  srm: { status: 'ok', pValue: 0.4 },
  primaryTest: 'sequential',
  usersPerVariant: 5_000,
  plannedPerVariant: 10_000,
  comparisons,
  ...extra,
});

describe('decide()', () => {
  it('ships the variant with the largest significant gain on the primary metric', () => {
    const d = decide(
      input([primary('haiku', 0.03, 0.01), primary('sonnet', 0.05, 0.002), latency('sonnet', 20, 0.6)]),
    );
    expect(d).toMatchObject({ action: 'ship', variant: 'sonnet', label: 'ship sonnet' });
    expect(d.reason).toMatch(
      /sonnet beats control on accuracy: \+12\.5 % \(interval \+7\.5 % to \+17\.5 %\)/,
    );
    expect(d.reason).toMatch(/corrected p = 0\.002/);
  });

  it('never ships on a sample-ratio mismatch: keep running and check assignment', () => {
    const d = decide(input([primary('sonnet', 0.05, 0.0001)], { srm: { status: 'alarm', pValue: 2e-8 } }));
    expect(d).toMatchObject({ action: 'keep-running', label: 'keep running', variant: null });
    expect(d.reason).toMatch(/Check assignment/);
  });

  it('stops on a guardrail significantly worse, even when the primary wins', () => {
    const d = decide(
      input([primary('sonnet', 0.05, 0.001), latency('sonnet', 180, 0.004), latency('haiku', 90, 0.03)]),
    );
    expect(d).toMatchObject({ action: 'stop-guardrail', label: 'stop: guardrail', variant: 'sonnet' });
    expect(d.reason).toMatch(/sonnet is significantly worse than control on latency: \+20\.0 %/);
    expect(d.reason).toMatch(/and 1 more guardrail failure\)\. Stop the experiment/);
  });

  it('reads direction: a guardrail that moved the good way does not stop anything', () => {
    const d = decide(input([primary('sonnet', 0.05, 0.001), latency('sonnet', -150, 0.0001)]));
    expect(d.action).toBe('ship');
  });

  it('does not ship on a primary significantly worse', () => {
    const d = decide(input([primary('haiku', -0.05, 0.001)]));
    expect(d.action).toBe('keep-running');
    expect(d.reason).toMatch(/haiku is significantly worse/);
  });

  it('with the fixed-horizon test, waits for the planned sample before shipping', () => {
    const early = decide(input([primary('sonnet', 0.05, 0.001)], { primaryTest: 'fixed' }));
    expect(early.action).toBe('keep-running');
    expect(early.reason).toMatch(/read only at the planned sample \(5,000 of 10,000/);
    const atPlan = decide(
      input([primary('sonnet', 0.05, 0.001)], { primaryTest: 'fixed', usersPerVariant: 10_000 }),
    );
    expect(atPlan.action).toBe('ship');
  });

  it('says "no difference" at the plan when every interval lies inside ±MDE, not before', () => {
    const flat = [primary('haiku', 0.004, 0.6), primary('sonnet', -0.006, 0.5)];
    expect(decide(input(flat, { usersPerVariant: 10_000 }))).toMatchObject({ action: 'no-difference' });
    const before = decide(input(flat));
    expect(before.action).toBe('keep-running');
    expect(before.reason).toMatch(/No variant is significantly better on accuracy yet \(best so far: haiku/);
    // An interval reaching past the MDE (0.015 ± 0.02 reaches 0.035 > 0.03) is inconclusive, not "no difference".
    const wide = decide(input([primary('haiku', 0.015, 0.2)], { usersPerVariant: 10_000 }));
    expect(wide.action).toBe('keep-running');
    expect(wide.reason).toMatch(/inconclusive/);
  });

  it('keeps running with the reason when the primary has no numbers yet', () => {
    const d = decide(
      input([
        primary('haiku', 0, 1, {
          effect: null,
          pValueCorrected: null,
          unavailable: 'each variant needs at least 2 observations (control has 1)',
        }),
      ]),
    );
    expect(d.action).toBe('keep-running');
    expect(d.reason).toMatch(/Not enough data yet on accuracy for haiku: each variant needs at least 2/);
  });
});
