import { listAllCustomers } from '../../customers/list-all-customers';
import { forEachLimit } from '../../for-each-limit';
import { allConsentStates } from '../../privacy/consent/consent-states';
import { countEnforcement } from '../../privacy/consent/may-use';
import { assignSegment, clearSegment } from './assign-segment';
import { putStoredEdges } from './edges-store';
import { computeRfmEdges } from './rfm-edges';

export interface RecomputeResult {
  customers: number;
  /** Customers who do not allow personalization: not scored, any segment removed. */
  refused: number;
  scored: number;
  changed: number;
  seconds: number;
}

/**
 * The nightly job: quintile edges recomputed from every customer, stored, then every customer rescored against
 * them (a change publishes `segment_updated`). A rerun after an interruption republishes the same event ids for
 * the changes it finds again (ids follow the customer's segment version), and nothing for those already stored.
 */
export async function recomputeSegments(
  asOf = new Date(),
  onProgress?: (done: number, of: number) => void,
): Promise<RecomputeResult> {
  const started = performance.now();
  const all = await listAllCustomers();
  // Segments are for targeting, a personalization purpose: only customers who allow it are scored (and shape the
  // edges); anyone else loses a segment they had.
  const consent = await allConsentStates();
  const customers = all.filter((c) => consent.stateOf(c.customerId).personalization);
  const refused = all.filter((c) => !consent.stateOf(c.customerId).personalization);
  countEnforcement('personalization', 'rejected', refused.length);
  await forEachLimit(refused, 8, async (c) => {
    await clearSegment(c.customerId, c);
  });
  const edges = computeRfmEdges(customers, asOf);
  let scored = 0;
  let changed = 0;
  const CONCURRENCY = 8;
  for (let i = 0; i < customers.length; i += CONCURRENCY) {
    const results = await Promise.all(
      customers.slice(i, i + CONCURRENCY).map((c) => assignSegment(c.customerId, edges, asOf, c)),
    );
    results.forEach((change) => {
      if (change) changed++;
    });
    scored += results.length;
    onProgress?.(Math.min(i + CONCURRENCY, customers.length), customers.length);
  }
  // Stored last: an interrupted run leaves yesterday's edges, so the next check runs it again.
  await putStoredEdges(edges);
  return {
    customers: all.length,
    refused: refused.length,
    scored,
    changed,
    seconds: (performance.now() - started) / 1000,
  };
}
