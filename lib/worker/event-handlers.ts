import { getCustomer } from '../customers/get-customer';
import { refreshCustomerSummary } from '../customers/refresh-customer-summary';
import { parseEvent, type PulseEvent } from '../events';
import { refreshSegmentOnPurchase } from '../segmentation/refresh-on-purchase';
import { recordPurchaseInWeeks } from '../streaming/record-purchase-in-weeks';
import type { Decoder, EventHandler } from '../stream/consumer/handler';

/** Every handler the worker runs, by name; the name keys idempotency marks and dead letters, so never rename one. */
export const EVENT_HANDLERS: EventHandler<PulseEvent>[] = [
  {
    name: 'customer-summary',
    types: ['purchase'],
    handle: async (event) => {
      if (event.type !== 'purchase') return;
      const { orderId, placedAt, totalMinor } = event.properties;
      await refreshCustomerSummary(event.customerId, { orderId, placedAt, totalMinor });
    },
  },
  {
    // The Overview's weekly series and totals (after customer-summary, which tells a first order).
    name: 'business-week',
    types: ['purchase'],
    handle: async (event) => {
      if (event.type !== 'purchase') return;
      const customer = await getCustomer(event.customerId, false, { consistent: true });
      await recordPurchaseInWeeks({
        eventId: event.eventId,
        customerId: event.customerId,
        placedAt: event.properties.placedAt,
        totalMinor: event.properties.totalMinor,
        firstOrder: customer?.firstOrderAt === event.properties.placedAt,
      });
    },
  },
  {
    // After customer-summary (handlers run in this order), so the scores see the new order.
    name: 'segment',
    types: ['purchase'],
    handle: async (event) => {
      await refreshSegmentOnPurchase(event.customerId, event.eventId);
    },
  },
];

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
