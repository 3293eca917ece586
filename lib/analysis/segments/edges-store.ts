import { ConditionFailedError, getItem, putItem } from '../../db/items';
import { rfmEdgesSchema, type RfmEdges } from './rfm-edges';

// The nightly run stores its quintile edges as a run record; per-customer rescoring reads the latest.
const LATEST = 'rfm-edges:latest';

export async function getStoredEdges(): Promise<RfmEdges | undefined> {
  const item = await getItem('analysis_runs', { runId: LATEST });
  return item ? rfmEdgesSchema.parse(item.edges) : undefined;
}

export async function putStoredEdges(edges: RfmEdges): Promise<void> {
  await putItem('analysis_runs', {
    runId: LATEST,
    kind: 'rfm_edges',
    startedAt: edges.asOf,
    status: 'completed',
    edges,
  });
}

/** One worker runs a given nightly batch: the first to claim its run id. False when another already did. */
export async function claimSegmentRun(runId: string): Promise<boolean> {
  try {
    await putItem(
      'analysis_runs',
      { runId, kind: 'nightly_segments', startedAt: new Date().toISOString() },
      { condition: 'attribute_not_exists(runId)' },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
