import { queryItems, scanItems } from '../db/items';
import { experimentSchema, type Experiment, type ExperimentStatus } from './experiment';

/**
 * Experiments newest first, optionally of one status (through the `by_status` index). Without a status the table is
 * scanned: it holds definitions only, a few hundred at most.
 */
export async function listExperiments(
  options: { status?: ExperimentStatus; limit?: number } = {},
): Promise<Experiment[]> {
  const limit = options.limit ?? 100;
  if (options.status) {
    const items = await queryItems('experiments', {
      index: 'by_status',
      keyCondition: '#status = :status',
      names: { '#status': 'status' },
      values: { ':status': options.status },
      forward: false,
      limit,
    });
    return items.map((item) => experimentSchema.parse(item));
  }
  return (await scanItems('experiments'))
    .map((item) => experimentSchema.parse(item))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.key.localeCompare(b.key))
    .slice(0, limit);
}
