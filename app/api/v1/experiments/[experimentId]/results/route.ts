import type { ExperimentResultsResponse } from '@/lib/experiments/api-contract';
import { getExperimentResults } from '@/lib/experiments/get-experiment-results';
import { methodNotAllowed, route } from '@/lib/http/route';
import { experimentParams as params } from '../params';

export const dynamic = 'force-dynamic';

export const GET = route(
  { auth: { permission: 'experiments:read' }, params },
  async ({ params: p }): Promise<ExperimentResultsResponse> => getExperimentResults(p.experimentId),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
