import { assignSegments } from './assign-segment';
import { getStoredEdges } from './edges-store';
import type { RfmEdges } from './rfm-edges';

// Edges change once a night; re-reading them for every purchase would double the reads of the hot path.
const EDGES_FRESH_MS = 60_000;
let cached: { at: number; edges: RfmEdges | undefined } | undefined;

async function currentEdges(): Promise<RfmEdges | undefined> {
  if (!cached || Date.now() - cached.at > EDGES_FRESH_MS)
    cached = { at: Date.now(), edges: await getStoredEdges() };
  return cached.edges;
}

/** Rescores the buyers of several purchases (each once), reading them together. */
export async function refreshSegmentsOnPurchase(customerIds: readonly string[]): Promise<void> {
  const edges = await currentEdges();
  if (edges) await assignSegments(customerIds, edges);
}

export function forgetCachedEdges(): void {
  cached = undefined;
}
