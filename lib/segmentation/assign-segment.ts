import { customerItemSchema } from '../customers/customer';
import { getItem, updateItem } from '../db/items';
import { eventIdFor, newEvent } from '../events';
import { publishEvent } from '../stream/event-publisher';
import { diffSegment, type SegmentChange } from './diff-segment';
import type { RfmEdges } from './rfm-edges';
import { scoreCustomer, type RfmScores } from './score-customer';
import { segmentFor } from './segment-for';
import { isSegmentName } from './segments';

const HISTORY_KEPT = 20;

/**
 * Scores one customer against the stored edges and stores the segment. A change is published as `segment_updated`
 * before it is stored, with an event id derived from the customer and the cause (a purchase event, a nightly run):
 * if the process dies in between, the retry finds the change again and publishes the same id, which consumers
 * dedupe. Returns the change, or null when the segment stayed.
 */
export async function assignSegment(
  customerId: string,
  edges: RfmEdges,
  cause: string,
  asOf = new Date(),
): Promise<SegmentChange | null> {
  const item = await getItem('customers', { customerId }, { consistent: true });
  if (!item) return null;
  const customer = customerItemSchema.parse(item);
  const scores = scoreCustomer(customer, edges, asOf);
  if (!scores) return null;
  const previous =
    customer.segment && isSegmentName(customer.segment) && customer.rfm
      ? { segment: customer.segment, scores: customer.rfm as RfmScores }
      : null;
  const next = { segment: segmentFor(scores), scores };
  const change = diffSegment(previous, next);
  const at = asOf.toISOString();
  if (change) {
    await publishEvent(
      newEvent('segment_updated', {
        eventId: eventIdFor('segment_updated', `${customerId}\n${cause}`),
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
  await updateItem(
    'customers',
    { customerId },
    'SET #segment = :s, rfm = :r, segmentUpdatedAt = :at, segmentHistory = :h',
    {
      names: { '#segment': 'segment' }, // a reserved word
      values: { ':s': next.segment, ':r': scores, ':at': at, ':h': history ?? [] },
    },
  );
  return change;
}
