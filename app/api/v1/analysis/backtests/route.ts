import { z } from 'zod';
import { backtestRequestSchema, listBacktests, runBacktest } from '@/lib/analysis/backtest/run-backtest';
import { auditActorFor } from '@/lib/http/audit-actor';
import { json, methodNotAllowed, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'analysis:read' },
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
  },
  ({ query }) => listBacktests(query.limit),
);

/** Runs a backtest now (a few seconds for the demo's base) and answers with its scores. */
export const POST = route(
  { auth: { permission: 'analysis:run' }, body: backtestRequestSchema, maxBodyBytes: 1024 },
  async ({ body, actor }) => {
    const backtest = await runBacktest(body, auditActorFor(actor).id);
    return json({ backtest }, { status: 201 });
  },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
