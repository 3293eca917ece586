import { z } from 'zod';
import { getRun, runView } from '@/lib/analysis/runs/run';
import { notFound } from '@/lib/errors/domain-error';
import { methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'analysis:read' },
    params: z.object({
      runId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be a run id such as run_20261125T020000_ab12cd'),
    }),
  },
  async ({ params }) => {
    const run = await getRun(params.runId);
    if (!run) throw notFound(`No analysis run ${params.runId}.`);
    return { run: runView(run) };
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
