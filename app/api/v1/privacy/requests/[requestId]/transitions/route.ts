import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { REQUEST_STATUSES } from '@/lib/privacy/requests/privacy-request';
import { requestIdSchemaPattern, requestView } from '@/lib/privacy/requests/request-view';
import { transitionRequest } from '@/lib/privacy/requests/transition-request';

export const dynamic = 'force-dynamic';

export const POST = route(
  {
    auth: { permission: 'privacy:write' },
    params: z.object({ requestId: z.string().regex(requestIdSchemaPattern, 'must look like req_…') }),
    body: z.strictObject({ to: z.enum(REQUEST_STATUSES), note: z.string().max(2000).optional() }),
    maxBodyBytes: 8 * 1024,
  },
  async ({ params, body, actor }) => ({
    request: requestView(await transitionRequest(params.requestId, body.to, auditActorFor(actor), body.note)),
  }),
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
