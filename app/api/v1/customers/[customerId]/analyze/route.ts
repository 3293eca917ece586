import { z } from 'zod';
import { analyzeCustomerManually } from '@/lib/analysis/analyze-customer';
import { customerIdSchema } from '@/lib/customers/customer';
import { json, methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Analyses the customer now, whatever the age of their insight, and answers with the new one. */
export const POST = route(
  {
    auth: { permission: 'analysis:run', scope: 'insights:analyze' },
    params: z.object({ customerId: customerIdSchema }),
  },
  async ({ params }) => json({ insight: await analyzeCustomerManually(params.customerId) }, { status: 201 }),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
