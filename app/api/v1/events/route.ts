import { z } from 'zod';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { ingestEvents, ingestRequestSchema } from '@/lib/live/ingest-events';

export const dynamic = 'force-dynamic';

/** Storefront behavioural events: 202 with how many were accepted and which consent refused. */
export const POST = route(
  {
    auth: { scope: 'events:write' },
    body: ingestRequestSchema,
    query: z.strictObject({}),
    maxBodyBytes: 1024 * 1024,
  },
  async ({ body }) => json(await ingestEvents(body.events), { status: 202 }),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
