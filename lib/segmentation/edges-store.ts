import { getItem, putItem } from '../db/items';
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
