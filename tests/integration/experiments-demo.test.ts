import { describe, expect, it } from 'vitest';
import { DEMO_EXPERIMENT, seedDemoExperiment } from '@/lib/experiments/demo/seed-demo-experiment';
import { getExperimentResults } from '@/lib/experiments/get-experiment-results';
import { writeDataset } from '@/lib/seed/write-dataset';
import { useTestStack } from './support/test-stack';

const END = new Date('2026-11-23T00:00:00Z');

describe('the demo experiment', () => {
  const stack = useTestStack();

  it('runs with six weeks of history whose accuracy comes from the seeded orders', async () => {
    await writeDataset({ seed: 'demo-experiment', customers: 400, end: END, dataDir: stack().dataDir });
    const lines: string[] = [];
    const counts = await seedDemoExperiment(END, (l) => lines.push(l));
    expect(counts!.assigned).toBeGreaterThan(100);
    expect(counts!.resolved).toBeGreaterThan(50);
    expect(lines.join('\n')).toContain(`demo experiment "${DEMO_EXPERIMENT}"`);
    expect(await seedDemoExperiment(END, () => undefined)).toBeUndefined(); // seeded once

    const { experiment, results, sample } = await getExperimentResults(DEMO_EXPERIMENT, END);
    expect(experiment.status).toBe('running');
    expect(experiment.ramp.steps[experiment.ramp.currentStep]!.percent).toBe(100);
    expect(experiment.ramp.history.map((h) => h.action)).toEqual(['start', 'advance']);
    const assigned = Object.values(sample.assignedPerVariant);
    expect(assigned.reduce((a, b) => a + b, 0)).toBe(counts!.assigned);
    expect(results.srm.status).not.toBe('mismatch'); // hashing splits them fairly
    const accuracy = results.metrics.find((m) => m.key === 'accuracy')!;
    const [control, wide] = ['windows-80', 'windows-90'].map((v) =>
      accuracy.variants.find((r) => r.variant === v)!,
    );
    expect(control!.n + wide!.n).toBe(counts!.resolved);
    // Wider windows hold the next purchase more often: the honest direction of the effect.
    expect(wide!.mean!).toBeGreaterThan(control!.mean!);
  });
});
