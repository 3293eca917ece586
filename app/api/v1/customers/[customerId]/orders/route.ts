import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { methodNotAllowed, route } from '@/lib/http/route';
import { listCustomerOrders } from '@/lib/orders/list-customer-orders';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'customers:read', scope: 'insights:read' },
    params: z.object({ customerId: customerIdSchema }),
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(500).optional(),
    }),
  },
  ({ params, query }) => listCustomerOrders(params.customerId, query.limit, query.cursor),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
