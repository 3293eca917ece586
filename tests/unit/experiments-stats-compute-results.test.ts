import { describe, expect, it } from 'vitest';
import { computeResults } from '@/lib/experiments/stats/compute-results';
import type { ExperimentInput, MetricDefinition } from '@/lib/experiments/stats/results-types';
import type { MetricSummary } from '@/lib/experiments/stats/summaries';

/** A summary with exactly this n, mean and standard deviation (sums solved backwards). */
const meanSummary = (n: number, mean: number, sd: number): MetricSummary => ({
  n,
  sum: n * mean,
  sumSquares: (n - 1) * sd * sd + n * mean * mean,
});
const proportion = (n: number, p: number): MetricSummary => {
  const successes = Math.round(n * p);
  return { n, sum: successes, sumSquares: successes };
};

const METRICS: MetricDefinition[] = [
  {
    key: 'accuracy',
    kind: 'proportion',
    direction: 'higher-is-better',
    role: 'primary',
    minimumEffect: 0.05,
  },
  { key: 'cost', label: 'cost (USD)', kind: 'mean', direction: 'lower-is-better', role: 'secondary' },
  { key: 'latency', label: 'latency (ms)', kind: 'mean', direction: 'lower-is-better', role: 'guardrail' },
  { key: 'conversion', kind: 'proportion', direction: 'higher-is-better', role: 'secondary' },
];

interface Arm {
  accuracy: number;
  latency?: number;
  cost?: number;
}

function experiment(
  arms: Record<string, Arm>,
  n = 20_000,
  extra: Partial<ExperimentInput> = {},
): ExperimentInput {
  const names = Object.keys(arms);
  return {
    metrics: METRICS,
    variants: names.map((name, i) => ({ name, weight: 1, isControl: i === 0 })),
    summaries: Object.fromEntries(
      names.map((name) => {
        const arm = arms[name]!;
        return [
          name,
          {
            accuracy: proportion(n, arm.accuracy),
            cost: meanSummary(n, arm.cost ?? 0.002, 0.001),
            latency: meanSummary(n, arm.latency ?? 900, 300),
            conversion: proportion(n, 0.05),
          },
        ];
      }),
    ),
    plannedSamplePerVariant: 20_000,
    ...extra,
  };
}

const numbersIn = (value: unknown): number[] =>
  typeof value === 'number'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(numbersIn)
      : [];

describe('computeResults()', () => {
  const arms = {
    baseline: { accuracy: 0.4 },
    haiku: { accuracy: 0.41 },
    sonnet: { accuracy: 0.44, cost: 0.01 },
  };

  it('ships the better model, with every number the page shows', () => {
    const r = computeResults(experiment(arms));
    expect(r).toMatchObject({ alpha: 0.05, method: 'sequential', correction: 'holm', srm: { status: 'ok' } });
    expect(r.decision).toMatchObject({ action: 'ship', label: 'ship sonnet' });
    const accuracy = r.metrics.find((m) => m.key === 'accuracy')!;
    const sonnet = accuracy.variants.find((v) => v.variant === 'sonnet')!;
    expect(sonnet).toMatchObject({ n: 20_000, isControl: false });
    expect(sonnet.mean).toBeCloseTo(0.44, 12);
    const c = sonnet.comparison!;
    expect(c.test).toBe('sequential');
    expect(c.absolute!.estimate).toBeCloseTo(0.04, 12);
    expect(c.relative!.estimate).toBeCloseTo(0.1, 12);
    expect(c.pValueCorrected!).toBeGreaterThanOrEqual(c.pValue!);
    expect(c.significant).toBe(true);
    expect(c.chanceToWin!).toBeGreaterThan(0.999);
    expect(c.minimumEffect).toBeCloseTo(0.02, 12); // 5 % of a 40 % control
    expect(c.powerReached!).toBeGreaterThan(0.8);
    expect(c.alternatives.fixed.status).toBe('ok');
    // Haiku's +1 point is not enough for the sequential test, and the control has no comparison.
    expect(accuracy.variants.find((v) => v.variant === 'haiku')!.comparison!.significant).toBe(false);
    expect(accuracy.variants[0]!.comparison).toBeNull();
    // Sonnet's cost went up fivefold: a secondary metric, so reported, not decisive.
    const cost = r.metrics.find((m) => m.key === 'cost')!.variants[2]!.comparison!;
    expect(cost.significant).toBe(true);
    expect(cost.chanceToWin!).toBeLessThan(0.001);
  });

  it('stops when a guardrail gets significantly worse', () => {
    const r = computeResults(experiment({ ...arms, sonnet: { accuracy: 0.44, latency: 1000 } }));
    expect(r.decision).toMatchObject({
      action: 'stop-guardrail',
      label: 'stop: guardrail',
      variant: 'sonnet',
    });
    expect(r.decision.reason).toMatch(/latency \(ms\)/);
  });

  it('keeps running on a sample-ratio mismatch, whatever the primary says', () => {
    const assignments = { baseline: 20_800, haiku: 19_200, sonnet: 20_000 };
    const r = computeResults(experiment(arms, 20_000, { assignments }));
    expect(r.srm.status).toBe('alarm');
    expect(r.decision.action).toBe('keep-running');
    expect(r.decision.reason).toMatch(/Check assignment/);
  });

  it('says "no difference" at the plan when the intervals rule out the minimum effect', () => {
    const r = computeResults(
      experiment({ baseline: { accuracy: 0.4 }, haiku: { accuracy: 0.4 }, sonnet: { accuracy: 0.401 } }),
    );
    expect(r.decision.action).toBe('no-difference');
  });

  it('applies the correction: a raw p < 0.05 on one of 8 comparisons does not ship under Holm', () => {
    const oneLucky = { baseline: { accuracy: 0.4 }, haiku: { accuracy: 0.41 }, sonnet: { accuracy: 0.4 } };
    const fixed = computeResults(experiment(oneLucky, 20_000, { method: 'fixed' }));
    const haiku = fixed.metrics[0]!.variants[1]!.comparison!;
    expect(haiku.test).toBe('fixed');
    expect(haiku.pValue!).toBeLessThan(0.05);
    expect(haiku.pValueCorrected!).toBeGreaterThan(0.05);
    expect(fixed.decision.action).not.toBe('ship');
    const uncorrected = computeResults(experiment(oneLucky, 20_000, { method: 'fixed', correction: 'none' }));
    expect(uncorrected.decision).toMatchObject({ action: 'ship', variant: 'haiku' });
    // Guardrails stay on the sequential test even when the method is fixed.
    expect(fixed.metrics[2]!.variants[1]!.comparison!.test).toBe('sequential');
  });

  it('uses CUPED when covariate sums are present, and the interval narrows', () => {
    const input = experiment(arms, 2_000, { plannedSamplePerVariant: 2_000 });
    const withCovariate = structuredClone(input) as ExperimentInput & {
      summaries: Record<string, Record<string, MetricSummary>>;
    };
    for (const name of Object.keys(arms)) {
      const latency = withCovariate.summaries[name]!.latency!;
      // X = last month's latency: same mean and spread, correlation 0.8 with this month's.
      const n = latency.n;
      const sumX = n * 900;
      latency.cuped = {
        sumX,
        sumXSquares: (n - 1) * 300 ** 2 + n * 900 ** 2,
        sumXY: 0.8 * (n - 1) * 300 * 300 + (sumX * latency.sum) / n,
      };
    }
    const plain = computeResults(input).metrics[2]!;
    const adjusted = computeResults(withCovariate).metrics[2]!;
    expect(plain.cuped).toBeNull();
    expect(adjusted.cuped!.theta).toBeCloseTo(0.8, 10);
    expect(adjusted.cuped!.varianceReduction).toBeCloseTo(0.64, 10);
    const width = (m: typeof plain) => m.variants[1]!.comparison!.absolute!.standardError;
    expect(width(adjusted) / width(plain)).toBeCloseTo(0.6, 10);
  });

  it('reports "insufficient data" rather than NaN for a variant with one observation', () => {
    const input = experiment(arms);
    const tiny = experiment({ baseline: { accuracy: 1 } }, 1).summaries.baseline!;
    const r = computeResults({ ...input, summaries: { ...input.summaries, haiku: tiny } });
    const haiku = r.metrics[0]!.variants[1]!;
    expect(haiku.comparison).toMatchObject({
      status: 'insufficient-data',
      pValue: null,
      pValueCorrected: null,
    });
    expect(numbersIn(r).some(Number.isNaN)).toBe(false);
  });

  it('refuses a malformed configuration with a sentence', () => {
    const input = experiment(arms);
    expect(() =>
      computeResults({ ...input, variants: input.variants.map((v) => ({ ...v, isControl: true })) }),
    ).toThrow(/Exactly one variant must be the control/);
    expect(() => computeResults({ ...input, metrics: METRICS.filter((m) => m.role !== 'primary') })).toThrow(
      /Exactly one metric must be primary/,
    );
  });

  it('refuses only the metric whose sums are impossible, says why, and never ships on it', () => {
    const input = experiment(arms, 20_000, {
      assignments: { baseline: 20_000, haiku: 20_000, sonnet: 20_000 },
    });
    const broken = {
      ...input.summaries,
      sonnet: { ...input.summaries.sonnet, accuracy: { n: 10, sum: 4, sumSquares: 9 } },
    };
    const r = computeResults({ ...input, summaries: broken });
    const accuracy = r.metrics[0]!;
    expect(accuracy.status).toBe('refused');
    expect(accuracy.refusal).toMatch(
      /^cannot compute accuracy: the sums recorded for sonnet are impossible \(a proportion needs sumSquares = sum/,
    );
    expect(accuracy.variants.map((v) => v.mean)).toEqual([null, null, null]);
    expect(accuracy.variants[2]!.comparison).toMatchObject({
      status: 'refused',
      note: accuracy.refusal,
      pValue: null,
      significant: false,
    });
    // The other metrics are read as usual: sonnet's fivefold cost is still significant.
    expect(r.metrics[1]).toMatchObject({ status: 'ok', refusal: null });
    expect(r.metrics[1]!.variants[2]!.comparison!.significant).toBe(true);
    // Sonnet would ship on intact sums (first test); on these it may not.
    expect(r.decision.action).toBe('keep-running');
    expect(r.decision.reason).toMatch(
      /^Cannot compute accuracy: .*\. Nothing ships while the primary metric cannot be read\.$/,
    );
  });

  it('takes well under 50 ms for 3 variants × 4 metrics holding 10 million observations', () => {
    const input = experiment(arms, 833_334);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      computeResults(input);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    expect(times[15]!).toBeLessThan(50);
  });
});
