import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { getSegmentOverview } from '@/lib/analysis/segments/get-segment-overview';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'customers:read', scope: 'insights:read' },
    query: z.strictObject({ flowDays: z.coerce.number().int().min(1).max(365).default(30) }),
  },
  ({ query }) => getSegmentOverview(query.flowDays),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
