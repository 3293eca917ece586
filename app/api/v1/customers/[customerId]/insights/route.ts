import { z } from 'zod';
import { getInsights } from '@/lib/analysis/get-insights';
import { customerIdSchema } from '@/lib/customers/customer';
import { notFound } from '@/lib/errors/domain-error';
import { methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'customers:read', scope: 'insights:read' },
    params: z.object({ customerId: customerIdSchema }),
    query: z.strictObject({ history: z.coerce.number().int().min(1).max(50).default(10) }),
  },
  async ({ params, query }) => {
    const view = await getInsights(params.customerId, query.history);
    if (view.status === 'not_found') throw notFound(`No customer ${params.customerId}.`);
    if (view.status === 'refused')
      return { customerId: params.customerId, consent: 'refused', reason: view.reason, insight: null };
    const { status: _status, ...rest } = view;
    return { customerId: params.customerId, consent: 'granted', ...rest };
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
