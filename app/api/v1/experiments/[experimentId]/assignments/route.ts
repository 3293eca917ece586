import { assignmentBodySchema, type AssignmentResponse } from '@/lib/experiments/api-contract';
import { assignVariant } from '@/lib/experiments/assign-variant';
import { methodNotAllowed, route } from '@/lib/http/route';
import { experimentParams as params } from '../params';

export const dynamic = 'force-dynamic';

/**
 * The storefront asks which variant a customer is in: assigned on first ask and sticky afterwards, or why they are
 * not in it. A stored variant of a paused experiment comes back with `active: false` (serve the default).
 */
export const POST = route(
  {
    auth: { permission: 'experiments:write', scope: 'experiments:assign' },
    params,
    body: assignmentBodySchema,
    maxBodyBytes: 4 * 1024,
  },
  async ({ params: p, body }): Promise<AssignmentResponse> => {
    const outcome = await assignVariant(p.experimentId, body.customerId);
    if (!outcome.inExperiment) return outcome;
    const { analyzer: _analyzer, ...response } = outcome;
    return response;
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
