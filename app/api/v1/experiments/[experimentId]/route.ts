import { experimentActionBodySchema, type ExperimentResponse } from '@/lib/experiments/api-contract';
import { applyExperimentAction } from '@/lib/experiments/apply-experiment-action';
import { requireExperiment } from '@/lib/experiments/get-experiment';
import { auditActorFor } from '@/lib/http/audit-actor';
import { methodNotAllowed, route } from '@/lib/http/route';
import { experimentParams as params } from './params';

export const dynamic = 'force-dynamic';

export const GET = route(
  { auth: { permission: 'experiments:read' }, params },
  async ({ params: p }): Promise<ExperimentResponse> => ({
    experiment: await requireExperiment(p.experimentId),
  }),
);

/**
 * One action per request (edit, start, pause, resume, stop, conclude, advance_ramp, rollback_ramp, promote),
 * conditional on the revision the user saw: 409 when it moved on, 422 when the state does not allow it.
 */
export const PATCH = route(
  {
    auth: { permission: 'experiments:write' },
    params,
    body: experimentActionBodySchema,
    maxBodyBytes: 64 * 1024,
  },
  async ({ params: p, body, actor }): Promise<ExperimentResponse> => ({
    experiment: await applyExperimentAction(p.experimentId, body, auditActorFor(actor)),
  }),
);

const notAllowed = methodNotAllowed(['GET', 'PATCH']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
