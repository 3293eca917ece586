import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { getCustomerItem } from '@/lib/customers/get-customer';
import { notFound } from '@/lib/errors/domain-error';
import { methodNotAllowed, route } from '@/lib/http/route';
import { mayUse } from '@/lib/privacy/consent/may-use';
import { customerActivity } from '@/lib/live/live-activity';

export const dynamic = 'force-dynamic';

/** The shopper's current (or last) session: events, cart value, what they did last. Needs personalization. */
export const GET = route(
  {
    auth: { permission: 'customers:read', scope: 'insights:read' },
    params: z.object({ customerId: customerIdSchema }),
  },
  async ({ params }) => {
    const [customer, allowed] = await Promise.all([
      getCustomerItem(params.customerId),
      mayUse(params.customerId, 'personalization'),
    ]);
    if (!customer) throw notFound(`No customer ${params.customerId}.`);
    if (!allowed)
      return {
        customerId: params.customerId,
        consent: 'refused',
        reason: 'The customer does not allow personalization, which live activity needs.',
        activity: null,
      };
    return {
      customerId: params.customerId,
      consent: 'granted',
      activity: await customerActivity(params.customerId),
    };
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
