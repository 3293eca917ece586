import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { getConsentOverview } from '@/lib/privacy/consent/get-consent-overview';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'privacy:read' },
    query: z.strictObject({ weeks: z.coerce.number().int().min(1).max(260).default(52) }),
  },
  async ({ query }) => getConsentOverview(query.weeks),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
