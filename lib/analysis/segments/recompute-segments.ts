import { listCustomerPage, type CustomerPageKey } from '../../customers/list-customer-page';
import { forEachLimit } from '../../for-each-limit';
import { allConsentStates } from '../../privacy/consent/consent-states';
import { countEnforcement } from '../../privacy/consent/may-use';
import { assignSegment, clearSegment, type ScoredProfile } from './assign-segment';
import { putStoredEdges } from './edges-store';
import { computeRfmEdges, type RfmInput } from './rfm-edges';

export interface RecomputeResult {
  customers: number;
  /** Customers who do not allow personalization: not scored, any segment removed. */
  refused: number;
  scored: number;
  changed: number;
  seconds: number;
}

/** What scoring and the segment writes read of a profile: never the purchase digest, the bulk of an item. */
const SCORED = [
  'customerId',
  'orderCount',
  'totalSpentMinor',
  'lastOrderAt',
  'segment',
  'rfm',
  'segmentVersion',
  'segmentHistory',
] as const;
const PAGE = 500;

/** Every profile, a projected scan page at a time. */
async function* customerPages(): AsyncGenerator<ScoredProfile[]> {
  let startKey: CustomerPageKey | undefined;
  do {
    const page = await listCustomerPage({ limit: PAGE, startKey, attributes: SCORED });
    yield page.items;
    startKey = page.nextKey;
  } while (startKey);
}

/**
 * The nightly job: quintile edges recomputed from every customer, stored, then every customer rescored against
 * them (a change publishes `segment_updated`). A rerun after an interruption republishes the same event ids for
 * the changes it finds again (ids follow the customer's segment version), and nothing for those already stored.
 *
 * Profiles are read in projected pages, twice (the edges need everyone before anyone is scored): memory holds the
 * three numbers of each scorable customer, not their profiles, so it also runs beside an import of millions of lines.
 */
export async function recomputeSegments(
  asOf = new Date(),
  onProgress?: (done: number, of: number) => void,
): Promise<RecomputeResult> {
  const started = performance.now();
  // Segments are for targeting, a personalization purpose: only customers who allow it are scored (and shape the
  // edges); anyone else loses a segment they had.
  const consent = await allConsentStates();
  const allowed = (c: ScoredProfile) => consent.stateOf(c.customerId).personalization;
  const inputs: RfmInput[] = [];
  let all = 0;
  for await (const page of customerPages()) {
    all += page.length;
    for (const c of page)
      if (allowed(c))
        inputs.push({
          customerId: c.customerId,
          orderCount: c.orderCount,
          totalSpentMinor: c.totalSpentMinor,
          lastOrderAt: c.lastOrderAt,
        });
  }
  const edges = computeRfmEdges(inputs, asOf);
  const total = inputs.length;
  inputs.length = 0;
  let refused = 0;
  let scored = 0;
  let changed = 0;
  for await (const page of customerPages()) {
    const refusing = page.filter((c) => !allowed(c));
    refused += refusing.length;
    await forEachLimit(refusing, 8, async (c) => {
      await clearSegment(c.customerId, c);
    });
    const scoring = page.filter(allowed);
    await forEachLimit(scoring, 8, async (c) => {
      if (await assignSegment(c.customerId, edges, asOf, c)) changed++;
    });
    scored += scoring.length;
    onProgress?.(scored, total);
  }
  countEnforcement('personalization', 'rejected', refused);
  // Stored last: an interrupted run leaves yesterday's edges, so the next check runs it again.
  await putStoredEdges(edges);
  return { customers: all, refused, scored, changed, seconds: (performance.now() - started) / 1000 };
}
