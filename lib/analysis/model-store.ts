import { putItem, queryPage } from '../db/items';
import { populationModelSchema, type PopulationModel } from './population-model';

/**
 * Fitted population models are kept in `analysis_runs` (kind `model`), newest found through the `by_kind` index.
 * Each process caches the current one for a minute: a model changes once a night.
 */
const CACHE_MS = 60_000;
let cached: { at: number; model: PopulationModel | undefined } | undefined;

export async function saveModel(model: PopulationModel, runId: string): Promise<void> {
  await putItem('analysis_runs', {
    runId: `model:${model.fittedAt}`,
    kind: 'model',
    startedAt: model.fittedAt,
    status: 'completed',
    fittedBy: runId,
    model,
  });
  cached = { at: Date.now(), model };
}

export async function currentModel(): Promise<PopulationModel | undefined> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.model;
  const page = await queryPage('analysis_runs', {
    index: 'by_kind',
    keyCondition: 'kind = :k',
    values: { ':k': 'model' },
    forward: false,
    limit: 1,
  });
  const model = page.items[0] ? populationModelSchema.parse(page.items[0].model) : undefined;
  cached = { at: Date.now(), model };
  return model;
}
