import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { notFound } from '@/lib/errors/domain-error';
import { methodNotAllowed, route } from '@/lib/http/route';
import { modelViewFor } from '@/lib/analysis/model-input';

export const dynamic = 'force-dynamic';

/** What an external model would see of this customer (pseudonymized features), and whether consent sends it. */
export const GET = route(
  { auth: { permission: 'privacy:read' }, params: z.object({ customerId: customerIdSchema }) },
  async ({ params }) => {
    const view = await modelViewFor(params.customerId);
    if (!view) throw notFound(`No customer ${params.customerId}.`);
    return view;
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
