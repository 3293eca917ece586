import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { methodNotAllowed, route } from '@/lib/http/route';
import { readLedger } from '@/lib/privacy/consent/read-ledger';
import { verifyCustomerConsent } from '@/lib/privacy/consent/verify-consent';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'privacy:read', scope: 'consent:read' },
    params: z.object({ customerId: customerIdSchema }),
  },
  async ({ params }) => {
    const [entries, broken] = await Promise.all([
      readLedger(params.customerId),
      verifyCustomerConsent(params.customerId),
    ]);
    return {
      customerId: params.customerId,
      // Newest first, as people read a history.
      entries: entries.reverse().map(({ pendingPublish: _pending, ...entry }) => entry),
      chain: broken ? { intact: false, firstBroken: broken } : { intact: true },
    };
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
