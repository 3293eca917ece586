import { deleteCustomerAnalysis } from '../analysis/insight-store';
import { offerRefresh } from '../analysis/refresh-queue';
import { noteWithdrawn } from '../analysis/withdrawals';
import { getCustomerField } from '../customers/get-customer-field';
import { refreshCustomerSummaries } from '../customers/refresh-customer-summary';
import { parseEvent, type EventOf, type PulseEvent } from '../events';
import { OUTCOME_EVENT_TYPES, resolveOutcomesOnEvents } from '../experiments/outcomes/resolve-on-events';
import { forEachLimit } from '../for-each-limit';
import { forgetConsent } from '../privacy/consent/get-consent';
import { allowing } from '../privacy/consent/may-use';
import { eraseCustomerData } from '../privacy/erasure/erase-customer';
import { erasedAmong, forgetTombstones } from '../privacy/erasure/tombstones';
import { clearSegment, refreshSegmentsOnPurchase } from '../analysis/segments/assign-segment';
import { detectAbandonedCarts } from '../live/detect-abandoned-carts';
import { detectOrderValues } from '../live/detect-order-values';
import { recordEventMinutes } from '../live/event-minutes';
import { recordActivity, VISIT_EVENT_TYPES } from '../live/live-activity';
import { recordPurchasesInWeeks, type CountedPurchase } from '../overview/record-purchase-in-weeks';
import { recordRefundsInWeeks } from '../overview/record-refunds-in-weeks';
import type { Decoder, EventHandler } from '../kinesis/consumer/handler';

type PurchaseEvent = Extract<PulseEvent, { type: 'purchase' }>;
const sessionEnds = (events: readonly PulseEvent[]) =>
  events.filter((e): e is EventOf<'session_end'> => e.type === 'session_end');
const purchases = (events: readonly PulseEvent[]) =>
  events.filter((e): e is PurchaseEvent => e.type === 'purchase');
const refunds = (events: readonly PulseEvent[]) =>
  events.filter((e): e is EventOf<'order_refunded'> => e.type === 'order_refunded');

/** The purchases with whether each is its customer's first order (read after customer-summary ran). */
async function withFirstOrder(events: readonly PurchaseEvent[]): Promise<CountedPurchase[]> {
  const firstOrderAt = await getCustomerField(
    events.map((e) => e.customerId),
    'firstOrderAt',
    { consistent: true },
  );
  return events.map((e) => ({
    eventId: e.eventId,
    customerId: e.customerId,
    placedAt: e.properties.placedAt,
    totalMinor: e.properties.totalMinor,
    firstOrder: firstOrderAt.get(e.customerId) === e.properties.placedAt,
  }));
}

const countedRefunds = (events: readonly PulseEvent[]) =>
  refunds(events).map((e) => ({
    eventId: e.eventId,
    placedAt: e.properties.placedAt,
    amountMinor: e.properties.amountMinor,
  }));

async function withdrawDerivedData(customerIds: readonly string[]): Promise<void> {
  const unique = [...new Set(customerIds)];
  unique.forEach((id) => forgetConsent(id));
  const allowed = await allowing(unique, 'personalization');
  // A batch run in this process must not write what it computed for them before the withdrawal.
  noteWithdrawn(unique.filter((id) => !allowed.has(id)));
  await forEachLimit(
    unique.filter((id) => !allowed.has(id)),
    8,
    async (id) => {
      await clearSegment(id);
      await deleteCustomerAnalysis(id);
    },
  );
}

const summaryTriggers = (events: readonly PulseEvent[]) => [
  ...purchases(events).map((e) => ({
    customerId: e.customerId,
    orderId: e.properties.orderId,
    placedAt: e.properties.placedAt,
    totalMinor: e.properties.totalMinor,
  })),
  // A refund lowers the order's net value: the summary reads the order again, with its refunds.
  ...refunds(events).map((e) => ({
    customerId: e.customerId,
    orderId: e.properties.orderId,
    placedAt: e.properties.placedAt,
    totalMinor: e.properties.orderTotalMinor,
    refundedMinor: e.properties.totalRefundedMinor,
  })),
];

/**
 * Every handler the worker runs, by name; the name keys idempotency marks and dead letters, so never rename one.
 * They run in this order over each batch of records, each through `handleBatch` (one event at a time via `handle`
 * when a batch fails).
 */
export const EVENT_HANDLERS: EventHandler<PulseEvent>[] = [
  {
    name: 'customer-summary',
    types: ['purchase', 'order_refunded'],
    handle: async (event) => refreshCustomerSummaries(summaryTriggers([event])),
    handleBatch: async (events) => refreshCustomerSummaries(summaryTriggers(events)),
  },
  {
    // The Overview's weekly series and totals (after customer-summary, which tells a first order).
    name: 'business-week',
    types: ['purchase'],
    after: ['customer-summary'],
    handle: async (event) => recordPurchasesInWeeks(await withFirstOrder(purchases([event]))),
    handleBatch: async (events) => recordPurchasesInWeeks(await withFirstOrder(purchases(events))),
  },
  {
    // Refunds off the Overview's revenue, in their orders' weeks (after business-week, so a purchase and its refund
    // in one batch are added before they are taken off). The orders stay counted.
    name: 'business-refunds',
    types: ['order_refunded'],
    handle: async (event) => recordRefundsInWeeks(countedRefunds([event])),
    handleBatch: async (events) => recordRefundsInWeeks(countedRefunds(events)),
  },
  {
    // A consent change: this process forgets its cached answer, and a withdrawn personalization removes what was
    // derived for it (the segment, insights and category patterns). The current state decides, so a
    // late event for a withdrawal the customer has since reversed removes nothing.
    name: 'consent',
    types: ['consent_updated'],
    handle: async (event) => withdrawDerivedData([event.customerId]),
    handleBatch: async (events) => withdrawDerivedData(events.map((e) => e.customerId)),
  },
  {
    // An erasure: this process forgets what it cached about the customer, and erases again whatever an event
    // already past the tombstone check (or a late order) wrote meanwhile. The customer's earlier events share this
    // shard, so they were all handled before this one; the erasure steps are idempotent.
    name: 'erasure',
    types: ['customer_erased'],
    handle: async (event) => {
      forgetConsent(event.customerId);
      forgetTombstones();
      if (event.type === 'customer_erased')
        await eraseCustomerData(event.customerId, { requestId: event.properties.requestId });
    },
  },
  {
    // After customer-summary, so the scores see the new order (or a refund's lower spend: RFM monetary is net).
    name: 'segment',
    types: ['purchase', 'order_refunded'],
    after: ['customer-summary'],
    handle: async (event) => refreshSegmentsOnPurchase([event.customerId]),
    handleBatch: async (events) => refreshSegmentsOnPurchase(events.map((e) => e.customerId)),
  },
  {
    // A basket far outside the customer's own history raises an alert (after customer-summary: the digest has it).
    name: 'detect-order-value',
    types: ['purchase'],
    after: ['customer-summary'],
    handle: async (event) => void (await detectOrderValues(purchases([event]))),
    handleBatch: async (events) => void (await detectOrderValues(purchases(events))),
  },
  {
    // Events and revenue per minute and type for the live metrics, exactly once (lib/live/event-minutes.ts).
    name: 'event-minutes',
    types: '*',
    handle: async (event, position) => recordEventMinutes([event], [position]),
    handleBatch: async (events, positions) => recordEventMinutes(events, positions),
  },
  {
    // Each shopper's live session and the active-shopper windows, exactly once (lib/live/live-activity.ts).
    name: 'live-activity',
    types: VISIT_EVENT_TYPES,
    handle: async (event, position) => recordActivity([event], [position]),
    handleBatch: async (events, positions) => recordActivity(events, positions),
  },
  {
    // A session that ended with a valuable cart and no purchase: an outreach alert, with marketing consent
    // (lib/live/detect-abandoned-carts.ts). After live-activity, which folded the end into the session.
    name: 'cart-abandonment',
    types: ['session_end'],
    after: ['live-activity'],
    handle: async (event) => void (await detectAbandonedCarts(sessionEnds([event]))),
    handleBatch: async (events) => void (await detectAbandonedCarts(sessionEnds(events))),
  },
  {
    // Experiment outcomes: a purchase resolves open next-purchase predictions (accuracy) and recommendation
    // showings (conversion), a showing with an experiment opens one, a click converts it
    // (lib/experiments/outcomes/resolve-on-events.ts). Counted once per outcome however often events are redelivered.
    name: 'experiment-outcomes',
    types: OUTCOME_EVENT_TYPES,
    handle: async (event) => resolveOutcomesOnEvents([event]),
    handleBatch: async (events) => resolveOutcomesOnEvents(events),
  },
  {
    // An active shopper: their insight is refreshed once their events go quiet, if it is missing or stale
    // (lib/analysis/refresh-queue.ts). After customer-summary, so a purchase's refresh sees the new order.
    name: 'insight-refresh',
    types: VISIT_EVENT_TYPES,
    after: ['customer-summary'],
    handle: async (event) => offerRefresh([event.customerId]),
    handleBatch: async (events) => offerRefresh(events.map((e) => e.customerId)),
  },
];

/**
 * Events about an erased customer are dropped before any handler sees them (a late event, a replay of the stream),
 * except the erasure itself, so nothing recreates their data.
 */
export async function excludeErased(events: readonly PulseEvent[]): Promise<Set<string>> {
  const erased = await erasedAmong(
    events.filter((e) => e.type !== 'customer_erased').map((e) => e.customerId),
  );
  return new Set(
    events.filter((e) => e.type !== 'customer_erased' && erased.has(e.customerId)).map((e) => e.eventId),
  );
}

/** Records on the stream are JSON events; anything else is poison and goes to the dead letters. */
export const decodeEvent: Decoder<PulseEvent> = (data) => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const parsed = parseEvent(value);
  if (parsed.ok) return { ok: true, event: parsed.event };
  return { ok: false, error: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
};
