import { queryItems } from '../db/items';
import { SUM_PREFIX, statsCellSchema, summarizeCells, type ObservationSummary } from './observation-cells';

/**
 * Per variant and metric totals (summed over days) and the per-day series of an experiment's observations, read
 * from the running sums only: one item per variant, metric and day, never one per observation. The statistics
 * (lib/experiments/stats/) turn these into estimates and intervals.
 */
export async function getObservationSummary(experimentKey: string): Promise<ObservationSummary> {
  const items = await queryItems('experiment_observations', {
    keyCondition: 'experimentId = :e AND begins_with(#cell, :prefix)',
    names: { '#cell': 'cell' },
    values: { ':e': experimentKey, ':prefix': SUM_PREFIX },
    consistent: true,
  });
  return summarizeCells(items.map((item) => statsCellSchema.parse(item)));
}
