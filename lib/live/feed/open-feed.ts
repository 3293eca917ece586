import { getCustomerField } from '../../customers/get-customer-field';
import type { EventType } from '../../events/event-types';
import type { PulseEvent } from '../../events';
import { allowing } from '../../privacy/consent/may-use';
import { erasedAmong } from '../../privacy/erasure/tombstones';
import { maskedLabel } from '../../privacy/pseudonym';
import { getFeedTailer, type FeedItem } from './feed-tailer';

/**
 * One Server-Sent Events feed: `retry`, then the items the tailer still holds after `Last-Event-ID` (or a `reset`
 * event saying they are gone), then every new event that passes the filters, and a comment every 15 s so proxies
 * keep the connection. Ends when the client goes away.
 */
export interface FeedFilter {
  types?: readonly EventType[];
  customerId?: string;
  segment?: string;
}

const HEARTBEAT_MS = 15_000;

interface Shown {
  id: number;
  /** Their id, or a short pseudonym when masked. */
  customer: string;
  masked: boolean;
  event: PulseEvent;
}

/** A masked event keeps its type and times, and nothing that points to the person or their choices. */
function shownAs(item: FeedItem, allowed: boolean): Shown {
  const { event } = item;
  if (allowed) return { id: item.id, customer: event.customerId, masked: false, event };
  const masked = {
    ...event,
    customerId: 'masked',
    sessionId: undefined,
    properties: {},
  } as unknown as PulseEvent;
  return { id: item.id, customer: maskedLabel(event.customerId), masked: true, event: masked };
}
const SEGMENT_CACHE_MS = 30_000;
const segments = new Map<string, { at: number; segment: string | null }>();

async function segmentsOf(customerIds: readonly string[]): Promise<Map<string, string | null>> {
  const now = Date.now();
  const missing = [...new Set(customerIds)].filter(
    (id) => (segments.get(id)?.at ?? 0) < now - SEGMENT_CACHE_MS,
  );
  if (missing.length) {
    const found = await getCustomerField(missing, 'segment');
    for (const id of missing) segments.set(id, { at: now, segment: found.get(id) ?? null });
    if (segments.size > 50_000) segments.clear();
  }
  return new Map(customerIds.map((id) => [id, segments.get(id)?.segment ?? null]));
}

export function openFeed(
  filter: FeedFilter,
  lastEventId: number | undefined,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let close = () => undefined as void;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      // Deliveries are chained, so a segment lookup never lets a later batch overtake an earlier one.
      let chain = Promise.resolve();
      const deliver = (items: readonly FeedItem[]) => {
        chain = chain
          .then(async () => {
            const typed = items.filter((i) => !filter.types || filter.types.includes(i.event.type));
            const ids = typed.map((i) => i.event.customerId);
            // Consent and erasure as they are now (cached for seconds), not as they were when the event came in.
            const [allowed, erased] = await Promise.all([allowing(ids, 'personalization'), erasedAmong(ids)]);
            let shown = typed
              .filter((i) => !erased.has(i.event.customerId))
              .map((i) => shownAs(i, allowed.has(i.event.customerId)))
              .filter((i) => !filter.customerId || (!i.masked && i.customer === filter.customerId));
            if (filter.segment) {
              // Masked shoppers never match a segment filter: that would tell their segment.
              const bySegment = await segmentsOf(shown.filter((i) => !i.masked).map((i) => i.customer));
              shown = shown.filter((i) => !i.masked && bySegment.get(i.customer) === filter.segment);
            }
            for (const i of shown)
              send(
                `id: ${i.id}\nevent: event\ndata: ${JSON.stringify({ customer: i.customer, masked: i.masked, event: i.event })}\n\n`,
              );
          })
          .catch((error: Error) => console.error(`[feed] ${error.message}`));
      };
      send('retry: 2000\n\n');
      const subscription = getFeedTailer().subscribe(deliver, lastEventId);
      if (lastEventId !== undefined && !subscription.resumed)
        send(
          'event: reset\ndata: {"reason":"the events after your last one are no longer held; continuing live"}\n\n',
        );
      deliver(subscription.backlog);
      const ping = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      close = () => {
        if (!open) return;
        open = false;
        clearInterval(ping);
        subscription.close();
        try {
          controller.close();
        } catch {
          // already cancelled by the client
        }
      };
      signal.addEventListener('abort', close);
    },
    cancel() {
      close();
    },
  });
}
