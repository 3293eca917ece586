import { z } from 'zod';
import { ApiError, badRequest } from '@/lib/http/errors';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import {
  IngestBusyError,
  ingestEvents,
  ingestRequestSchema,
  InvalidEventsError,
} from '@/lib/live/ingest-events';

export const dynamic = 'force-dynamic';

/** Storefront behavioural events: 202 with how many were accepted and which consent refused. */
export const POST = route(
  {
    auth: { scope: 'events:write' },
    body: ingestRequestSchema,
    query: z.strictObject({}),
    maxBodyBytes: 1024 * 1024,
  },
  async ({ body }) => {
    try {
      return json(await ingestEvents(body.events), { status: 202 });
    } catch (error) {
      if (error instanceof InvalidEventsError) throw badRequest(error.message, error.errors);
      if (error instanceof IngestBusyError)
        throw new ApiError(
          429,
          'Too many requests',
          'Events are arriving faster than they can be stored; retry this batch shortly.',
          undefined,
          { 'Retry-After': '1' },
        );
      throw error;
    }
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
