import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { EVENT_TYPES, type EventType } from '@/lib/events/event-types';
import { methodNotAllowed, route } from '@/lib/http/route';
import { SEGMENT_NAMES } from '@/lib/analysis/segments/segments';
import { getFeedTailer } from '@/lib/live/feed/feed-tailer';
import { openFeed } from '@/lib/live/feed/open-feed';

export const dynamic = 'force-dynamic';

const typeList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(EVENT_TYPES)).min(1, 'name at least one event type'));

/**
 * The live feed as Server-Sent Events. Auth and the filters are checked before anything is streamed (a refusal is
 * an ordinary problem+json answer); `Last-Event-ID` resumes after the last event received.
 */
export const GET = route(
  {
    auth: { permission: 'live:read' },
    query: z.strictObject({
      types: typeList.optional(),
      customer: customerIdSchema.optional(),
      segment: z.enum(SEGMENT_NAMES).optional(),
      /** For a client reconnecting on its own (EventSource sends the `Last-Event-ID` header only on its retries). */
      lastEventId: z
        .string()
        .regex(/^\d{1,15}$/, 'must be the numeric id of the last event received')
        .transform(Number)
        .optional(),
    }),
  },
  async ({ query, request }) => {
    const header = request.headers.get('last-event-id');
    const lastEventId = header && /^\d{1,15}$/.test(header) ? Number(header) : query.lastEventId;
    // Positioned on the stream before the answer starts, so an event sent once the feed is open is not missed.
    await getFeedTailer().ready();
    const body = openFeed(
      { types: query.types as EventType[] | undefined, customerId: query.customer, segment: query.segment },
      lastEventId,
      request.signal,
    );
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
