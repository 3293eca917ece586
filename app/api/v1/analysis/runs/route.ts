import { z } from 'zod';
import { listRuns, runView } from '@/lib/analysis/runs/run';
import { startManualRun } from '@/lib/analysis/runs/start-manual-run';
import { conflict } from '@/lib/errors/domain-error';
import { auditActorFor } from '@/lib/http/audit-actor';
import { json, methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'analysis:read' },
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.iso.datetime({ message: 'cursor must be the nextCursor of a previous page' }).optional(),
    }),
  },
  async ({ query }) => {
    const page = await listRuns(query.limit, query.cursor);
    return { runs: page.runs.map(runView), nextCursor: page.nextCursor };
  },
);

/** Queues a batch run over every customer; the worker picks it up within seconds. One run at a time. */
export const POST = route({ auth: { permission: 'analysis:run' } }, async ({ actor }) => {
  const { runs } = await listRuns(5);
  const running = runs.find((r) => r.status === 'running');
  if (running)
    throw conflict(
      `Run ${running.runId} is still going (${running.phase === 'fitting' ? 'fitting the models' : `${running.done} of ${running.total} customers`}); wait for it to finish.`,
    );
  const { run } = await startManualRun(auditActorFor(actor).id);
  return json(
    { run: runView(run) },
    { status: 202, headers: { Location: `/api/v1/analysis/runs/${run.runId}` } },
  );
});

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
