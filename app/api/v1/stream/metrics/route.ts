import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { getStreamMetrics } from '@/lib/live/get-stream-metrics';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'live:read' },
    query: z.strictObject({ minutes: z.coerce.number().int().min(1).max(180).default(15) }),
  },
  async ({ query }) => getStreamMetrics(query.minutes),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
