import { z } from 'zod';
import { canSeeCustomerPii } from '@/lib/auth/permissions';
import { customerIdSchema } from '@/lib/customers/customer';
import { getCustomer } from '@/lib/customers/get-customer';
import { notFound } from '@/lib/errors/domain-error';
import { methodNotAllowed, route } from '@/lib/http/route';
import { auditPiiReveal } from '@/lib/privacy/audit/audit-reveal';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'customers:read', scope: 'insights:read' },
    params: z.object({ customerId: customerIdSchema }),
  },
  async ({ params, actor }) => {
    const withPii = actor.kind === 'user' && canSeeCustomerPii(actor.role);
    const customer = await getCustomer(params.customerId, withPii);
    if (!customer) throw notFound(`No customer ${params.customerId}.`);
    if (withPii && actor.kind === 'user')
      await auditPiiReveal(actor, { customerId: params.customerId, where: 'customer profile (API)' });
    return { customer };
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
