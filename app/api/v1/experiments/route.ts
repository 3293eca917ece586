import {
  createExperimentBodySchema,
  listExperimentsQuerySchema,
  type ExperimentListResponse,
  type ExperimentResponse,
} from '@/lib/experiments/api-contract';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { listExperimentRows } from '@/lib/experiments/list-experiment-rows';
import { auditActorFor } from '@/lib/http/audit-actor';
import { json, methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** The experiments, newest first, each with its days running, ramp step and the statistics' decision now. */
export const GET = route(
  { auth: { permission: 'experiments:read' }, query: listExperimentsQuerySchema },
  async ({ query }): Promise<ExperimentListResponse> => ({
    experiments: await listExperimentRows(query.status ? { status: query.status } : {}),
  }),
);

/** A new draft (400 naming each bad field, 409 when the key is taken). */
export const POST = route(
  { auth: { permission: 'experiments:write' }, body: createExperimentBodySchema, maxBodyBytes: 64 * 1024 },
  async ({ body, actor }) => {
    const experiment = await createExperiment(body, auditActorFor(actor).id);
    return json({ experiment } satisfies ExperimentResponse, {
      status: 201,
      headers: { Location: `/api/v1/experiments/${experiment.key}` },
    });
  },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
