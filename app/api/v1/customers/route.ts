import { z } from 'zod';
import { canSeeCustomerPii } from '@/lib/auth/permissions';
import { CUSTOMER_SORTS, listCustomers } from '@/lib/customers/list-customers';
import { methodNotAllowed, route } from '@/lib/http/route';
import { auditPiiReveal } from '@/lib/privacy/audit/audit-reveal';
import { SEGMENT_NAMES } from '@/lib/analysis/segments/segments';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'customers:read', scope: 'insights:read' },
    query: z.strictObject({
      q: z.string().trim().max(100).optional(),
      segment: z.enum(SEGMENT_NAMES).optional(),
      sort: z.enum(CUSTOMER_SORTS).default('lastOrderAt'),
      order: z.enum(['asc', 'desc']).default('desc'),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: z.string().max(500).optional(),
    }),
  },
  async ({ query, actor }) => {
    const withPii = actor.kind === 'user' && canSeeCustomerPii(actor.role);
    const page = await listCustomers({ ...query, withPii });
    if (withPii && actor.kind === 'user')
      await auditPiiReveal(actor, { where: 'customer list (API)', shown: page.customers.length });
    return page;
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
