import type { SegmentChange } from './diff-segment';
import { assignSegment } from './assign-segment';
import { getStoredEdges } from './edges-store';
import type { RfmEdges } from './rfm-edges';

// Edges change once a night; re-reading them for every purchase would double the reads of the hot path.
const EDGES_FRESH_MS = 60_000;
let cached: { at: number; edges: RfmEdges | undefined } | undefined;

/** Rescores the buyer of a purchase against the nightly edges; nothing until a nightly run has stored edges. */
export async function refreshSegmentOnPurchase(
  customerId: string,
  purchaseEventId: string,
): Promise<SegmentChange | null> {
  if (!cached || Date.now() - cached.at > EDGES_FRESH_MS)
    cached = { at: Date.now(), edges: await getStoredEdges() };
  if (!cached.edges) return null;
  return assignSegment(customerId, cached.edges, purchaseEventId);
}

export function forgetCachedEdges(): void {
  cached = undefined;
}
