import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { ALERT_STATUSES } from '@/lib/live/alerts/alert';
import { listAlerts } from '@/lib/live/alerts/alert-store';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'live:read' },
    query: z.strictObject({
      status: z.enum(ALERT_STATUSES).default('open'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      includeSnoozed: z.enum(['true', 'false']).default('false'),
    }),
  },
  async ({ query }) => ({
    alerts: await listAlerts(query.status, {
      limit: query.limit,
      includeSnoozed: query.includeSnoozed === 'true',
    }),
  }),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
