import { observationsBodySchema } from '@/lib/experiments/api-contract';
import { recordObservations } from '@/lib/experiments/record-observations';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { experimentParams as params } from '../params';

export const dynamic = 'force-dynamic';

/** Up to 500 observations, each counted once per observationId; the variant is the customer's assignment. */
export const POST = route(
  {
    auth: { permission: 'experiments:write', scope: 'experiments:assign' },
    params,
    body: observationsBodySchema,
    maxBodyBytes: 512 * 1024,
  },
  async ({ params: p, body }) => json(await recordObservations(p.experimentId, body), { status: 202 }),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
