import { experimentDefinitionSchema, type Experiment } from '@/lib/experiments/experiment';
import { newExperiment } from '@/lib/experiments/lifecycle';
import type { MetricTotals } from '@/lib/experiments/observation-cells';

/**
 * A draft experiment of two statistical analyzers, `control` against `variant` (80 % against 90 % next-purchase
 * windows), judged on accuracy; `fields` adds or overrides definition fields (guardrails, metrics, plan).
 */
export function twoArmExperiment(
  key: string,
  variant: string,
  fields: Record<string, unknown> = {},
): Experiment {
  return newExperiment(
    experimentDefinitionSchema.parse({
      key,
      name: key,
      hypothesis: 'The 90 % windows do better without costing more.',
      variants: [
        { name: 'control', analyzer: { provider: 'statistical' }, weight: 50 },
        { name: variant, analyzer: { provider: 'statistical', nextPurchaseCoverage: 0.9 }, weight: 50 },
      ],
      controlVariant: 'control',
      primaryMetric: 'accuracy',
      ...fields,
    }),
    'test',
    new Date('2026-11-01T00:00:00Z'),
  );
}

/** Stored totals of one variant's metric: the given sums, every other one 0. */
export function totals(variant: string, metric: string, sums: Partial<MetricTotals>): MetricTotals {
  const zero = { n: 0, sum: 0, sumSquares: 0, nX: 0, sumX: 0, sumXSquares: 0, sumXY: 0 };
  return { ...zero, sumDen: 0, sumDenSquares: 0, sumNumDen: 0, ...sums, variant, metric };
}
