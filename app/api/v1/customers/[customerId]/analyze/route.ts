import { z } from 'zod';
import { analyzeCustomerManually } from '@/lib/analysis/analyze-customer-manually';
import { listRuns } from '@/lib/analysis/runs/run';
import { customerIdSchema } from '@/lib/customers/customer';
import { conflict, notFound, unprocessable } from '@/lib/errors/domain-error';
import { json, methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Analyses the customer now, whatever the age of their insight, and answers with the new one. */
export const POST = route(
  {
    auth: { permission: 'analysis:run', scope: 'insights:analyze' },
    params: z.object({ customerId: customerIdSchema }),
  },
  async ({ params }) => {
    const outcome = await analyzeCustomerManually(params.customerId);
    switch (outcome.status) {
      case 'analysed':
        return json({ insight: outcome.insight }, { status: 201 });
      case 'not_found':
        throw notFound(`No customer ${params.customerId}.`);
      case 'refused':
        throw unprocessable(outcome.reason);
      case 'no_orders':
        throw unprocessable(`Customer ${params.customerId} has no orders yet: there is nothing to analyse.`);
      case 'no_model': {
        const [latest] = (await listRuns(1)).runs;
        throw conflict(
          latest?.status === 'failed'
            ? `The population models have not been fitted: the last analysis run failed (${latest.error ?? 'no reason recorded'}).`
            : latest
              ? 'The population models have not been fitted yet: the first analysis run is still going (GET /api/v1/analysis/runs).'
              : 'The population models have not been fitted yet: start an analysis run (POST /api/v1/analysis/runs).',
        );
      }
    }
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
