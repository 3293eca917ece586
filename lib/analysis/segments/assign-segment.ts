import { clearCustomerSegment } from '../../customers/clear-customer-segment';
import type { CustomerItem } from '../../customers/customer';
import { getCustomerItem } from '../../customers/get-customer';
import { getCustomerItems } from '../../customers/get-customer-items';
import { setCustomerSegment } from '../../customers/set-customer-segment';
import { ConditionFailedError } from '../../db/items';
import { eventIdFor, newEvent } from '../../events';
import { forEachLimit } from '../../for-each-limit';
import { allowing, countEnforcement, mayUse } from '../../privacy/consent/may-use';
import { publishEvent } from '../../kinesis/producer';
import { diffSegment, type RfmScores, scoreCustomer, type SegmentChange, segmentFor } from './rfm-segment';
import { getStoredEdges } from './edges-store';
import type { RfmEdges } from './rfm-edges';
import { isSegmentName } from './segments';

const HISTORY_KEPT = 20;
const MAX_TRIES = 5;

const sameScores = (a: CustomerItem['rfm'], b: RfmScores) =>
  !!a && a.recency === b.recency && a.frequency === b.frequency && a.monetary === b.monetary;

const readCustomer = (customerId: string): Promise<ScoredProfile | undefined> =>
  getCustomerItem(customerId, { consistent: true });

/** What scoring and the segment writes read of a profile (a projected scan page is enough: recompute-segments.ts). */
export type ScoredProfile = Pick<
  CustomerItem,
  | 'customerId'
  | 'orderCount'
  | 'totalSpentMinor'
  | 'lastOrderAt'
  | 'segment'
  | 'rfm'
  | 'segmentVersion'
  | 'segmentHistory'
>;

/**
 * Scores one customer against the edges and stores the segment (nothing is written when the scores did not move).
 *
 * Every write is conditional on the customer's `segmentVersion` and bumps it, so two scorers racing on one customer
 * (the purchase consumer and the nightly job) cannot lose a history entry: the loser reads again and rescores
 * from the winner's state. A change is published as `segment_updated` before it is stored, with an event id derived
 * from the customer, the version it changes and the new segment: a retry after a crash, or a racing scorer that
 * reaches the same change, publishes the same id, which consumers dedupe. Returns the change, or null.
 */
export async function assignSegment(
  customerId: string,
  edges: RfmEdges,
  asOf = new Date(),
  /** The customer as just read (consistently), to save the read. */
  known?: ScoredProfile,
): Promise<SegmentChange | null> {
  let customer = known ?? (await readCustomer(customerId));
  for (let attempt = 1; customer; attempt++) {
    const scores = scoreCustomer(customer, edges, asOf);
    if (!scores) return null;
    const previous =
      customer.segment && isSegmentName(customer.segment) && customer.rfm
        ? { segment: customer.segment, scores: customer.rfm as RfmScores }
        : null;
    const next = { segment: segmentFor(scores), scores };
    const change = diffSegment(previous, next);
    if (!change && sameScores(customer.rfm, scores)) return null;
    const version = customer.segmentVersion ?? 0;
    const at = asOf.toISOString();
    if (change) {
      await publishEvent(
        newEvent('segment_updated', {
          eventId: eventIdFor('segment_updated', `${customerId}\n${version}\n${change.to}`),
          customerId,
          occurredAt: at,
          source: 'segmentation',
          properties: {
            from: change.from,
            to: change.to,
            scores: change.scores,
            previousScores: change.previousScores,
            moved: change.moved,
          },
        }),
      );
    }
    const history = change
      ? [...(customer.segmentHistory ?? []), { at, from: change.from, to: change.to }].slice(-HISTORY_KEPT)
      : customer.segmentHistory;
    try {
      // Also conditional on the order count scored from: a summary that moved since (a purchase, or a read that
      // lagged) makes this attempt read again rather than store scores of a stale summary.
      await setCustomerSegment(customerId, {
        segment: next.segment,
        rfm: scores,
        at,
        history,
        version,
        orderCount: customer.orderCount,
      });
      return change;
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt >= MAX_TRIES) throw error;
      // Someone else wrote it meanwhile — possibly the withdrawal of personalization clearing it: ask again before
      // scoring from their result.
      if (!(await mayUse(customerId, 'personalization'))) {
        await clearSegment(customerId);
        return null;
      }
      customer = await readCustomer(customerId);
    }
  }
  return null;
}

/**
 * Removes a customer's segment, scores and history: they were derived for `personalization`, which the customer
 * does not (or no longer) allow. Conditional on the segment version like every segment write; true when there was
 * something to remove.
 */
export async function clearSegment(customerId: string, known?: ScoredProfile): Promise<boolean> {
  let customer = known ?? (await readCustomer(customerId));
  for (let attempt = 1; customer; attempt++) {
    if (!customer.segment && !customer.rfm && !customer.segmentHistory?.length) return false;
    const version = customer.segmentVersion ?? 0;
    try {
      await clearCustomerSegment(customerId, version);
      return true;
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt >= MAX_TRIES) throw error;
      customer = await readCustomer(customerId);
    }
  }
  return false;
}

/** Rescores several customers: one read per 100 customers, then a write only for those whose scores moved. */
export async function assignSegments(
  customerIds: readonly string[],
  edges: RfmEdges,
  asOf = new Date(),
  concurrency = 8,
): Promise<(SegmentChange | null)[]> {
  const unique = [...new Set(customerIds)];
  const items = await getCustomerItems(unique, { consistent: true });
  const byId = new Map(items.map((c) => [c.customerId, c]));
  const changes: (SegmentChange | null)[] = [];
  // Segments are for targeting: only customers who allow personalization get one (and keep it).
  const allowed = await allowing(unique, 'personalization');
  countEnforcement('personalization', 'rejected', unique.length - allowed.size);
  await forEachLimit(unique, concurrency, async (customerId) => {
    const known = byId.get(customerId);
    if (known && !allowed.has(customerId)) await clearSegment(customerId, known);
    else changes.push(known ? await assignSegment(customerId, edges, asOf, known) : null);
  });
  return changes;
}

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
