import type { CumulativePoint } from './api-contract';
import type { Experiment } from './experiment';
import type { DailyTotals, SufficientStats } from './observation-cells';
import { buildResultsInput, metricsAndSummaries } from './results-input';
import { computeResults } from './stats/compute-results';

/**
 * The cumulative-effect chart: for each day with observations, each non-control variant's relative effect against
 * control ((variant − control)/|control|, null on days it is undefined) on the primary metric and the guardrails, from everything observed up to the end of that day, with the
 * always-valid interval of the sequential test (so reading it every day is safe). One engine call per day, on sums
 * only: O(days × variants × metrics). Pure.
 */
export function cumulativeEffects(
  experiment: Experiment,
  series: readonly DailyTotals[],
  base: ReturnType<typeof buildResultsInput>,
): CumulativePoint[] {
  const charted = [experiment.primaryMetric, ...experiment.guardrails.map((g) => g.metric)];
  const days = [...new Set(series.map((s) => s.day))].sort();
  const current = new Map<string, SufficientStats>();
  const points: CumulativePoint[] = [];
  let next = 0;
  const sorted = [...series].sort((a, b) => a.day.localeCompare(b.day));
  for (const day of days) {
    while (next < sorted.length && sorted[next]!.day === day) {
      const entry = sorted[next++]!;
      current.set(`${entry.variant}#${entry.metric}`, entry.cumulative);
    }
    const input = {
      ...base,
      ...metricsAndSummaries(experiment, (variant, metric) => current.get(`${variant}#${metric}`), charted),
    };
    // A day's look is a look like any other: SRM and the decision are not charted, only the effects.
    const results = computeResults({ ...input, assignments: undefined });
    for (const metric of results.metrics) {
      for (const v of metric.variants) {
        if (!v.comparison) continue;
        const relative = v.comparison.relative;
        points.push({
          day,
          metric: metric.key,
          variant: v.variant,
          n: v.n,
          relative: relative?.estimate ?? null,
          lower: relative?.lower ?? null,
          upper: relative?.upper ?? null,
        });
      }
    }
  }
  return points;
}
