import { describe, expect, it } from 'vitest';
import { DEMO_EXPERIMENT, seedDemoExperiment } from '@/lib/experiments/demo/seed-demo-experiment';
import { getExperimentResults } from '@/lib/experiments/get-experiment-results';
import { writeDataset } from '@/lib/seed/write-dataset';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');

describe('the demo experiment', () => {
  const stack = useTestStack();

  it('runs with six weeks of history scored from the seeded orders, and decides on the interval score', async () => {
    await writeDataset({ seed: 'demo-experiment', customers: 400, end: END, dataDir: stack().dataDir });
    const lines: string[] = [];
    const counts = await seedDemoExperiment(END, (l) => lines.push(l));
    expect(counts!.assigned).toBeGreaterThan(100);
    expect(counts!.resolved).toBeGreaterThan(50);
    expect(lines.join('\n')).toContain(`demo experiment "${DEMO_EXPERIMENT}"`);
    expect(await seedDemoExperiment(END, () => undefined)).toBeUndefined(); // seeded once

    const { experiment, results, sample } = await getExperimentResults(DEMO_EXPERIMENT, END);
    expect(experiment.status).toBe('running');
    expect(experiment.primaryMetric).toBe('interval_score');
    expect(experiment.ramp.steps[experiment.ramp.currentStep]!.percent).toBe(100);
    expect(experiment.ramp.history.map((h) => h.action)).toEqual(['start', 'advance']);
    const assigned = Object.values(sample.assignedPerVariant);
    expect(assigned.reduce((a, b) => a + b, 0)).toBe(counts!.assigned);
    expect(results.srm.status).not.toBe('mismatch'); // hashing splits them fairly
    const of = (metric: string) => {
      const m = results.metrics.find((x) => x.key === metric)!;
      return ['gap-only', 'category-timing'].map((v) => m.variants.find((r) => r.variant === v)!);
    };
    const [gapAccuracy, categoryAccuracy] = of('accuracy');
    const bought = of('bought_within_horizon');
    const scores = of('interval_score');
    // Every resolved prediction records accuracy and whether it was bought within 90 days; the interval score only
    // those bought (the backtest's population), so its count is the bought share of the resolved.
    expect(gapAccuracy!.n + categoryAccuracy!.n).toBe(counts!.resolved);
    for (const i of [0, 1]) {
      expect(bought[i]!.n).toBe(i ? categoryAccuracy!.n : gapAccuracy!.n);
      expect(scores[i]!.n).toBe(Math.round(bought[i]!.n * bought[i]!.unadjustedMean!));
    }
    // The category timing model's windows score better (lower), as the backtest found on the same kind of data,
    // and are narrower; the page's plain means are the engine's unadjusted ones.
    expect(scores[1]!.mean!).toBeLessThan(scores[0]!.mean!);
    const { predictionScores } = await getExperimentResults(DEMO_EXPERIMENT, END);
    expect(predictionScores['category-timing']!.intervalScore).toBeCloseTo(scores[1]!.unadjustedMean!, 9);
    expect(predictionScores['gap-only']!.scored).toBe(scores[0]!.n);
    expect(predictionScores['category-timing']!.windowDays!).toBeLessThan(
      predictionScores['gap-only']!.windowDays!,
    );
    const primary = results.metrics.find((m) => m.key === 'interval_score')!;
    expect(primary.role).toBe('primary');
    expect(primary.direction).toBe('lower-is-better');
    // The decision reads the interval score: shipping the lower score, never the other way round.
    if (results.decision.action === 'ship') {
      expect(results.decision.variant).toBe('category-timing');
      expect(results.decision.reason).toContain('interval_score');
    } else expect(results.decision.action).toBe('keep-running');
  });
});
