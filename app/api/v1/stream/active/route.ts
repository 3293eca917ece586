import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { getActiveShoppers } from '@/lib/live/get-active-shoppers';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'live:read' },
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
  },
  async ({ query }) => getActiveShoppers(query.limit),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
