import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { getOverview } from '@/lib/overview/get-overview';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'overview:read' },
    query: z.strictObject({ weeks: z.coerce.number().int().min(1).max(520).default(104) }),
  },
  ({ query }) => getOverview(query.weeks),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
