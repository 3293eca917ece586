import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { REGIMES, REQUEST_KINDS, REQUEST_STATUSES } from '@/lib/privacy/requests/privacy-request';
import { receivePrivacyRequest } from '@/lib/privacy/requests/receive-request';
import { listPrivacyRequests } from '@/lib/privacy/requests/request-store';
import { requestView } from '@/lib/privacy/requests/request-view';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'privacy:read' },
    query: z.strictObject({
      status: z.enum(REQUEST_STATUSES).optional(),
      overdue: z.enum(['true', 'false']).optional(),
    }),
  },
  async ({ query }) => {
    const now = new Date();
    const requests = (await listPrivacyRequests())
      .map((r) => requestView(r, now))
      .filter(
        (r) =>
          (!query.status || r.status === query.status) &&
          (!query.overdue || String(r.overdue) === query.overdue),
      );
    return { requests };
  },
);

export const POST = route(
  {
    auth: { permission: 'privacy:write' },
    body: z.strictObject({
      customerId: customerIdSchema,
      kind: z.enum(REQUEST_KINDS),
      regime: z.enum(REGIMES),
      note: z.string().max(2000).optional(),
    }),
    maxBodyBytes: 8 * 1024,
  },
  async ({ body, actor }) => {
    const request = await receivePrivacyRequest({ ...body, actor: auditActorFor(actor) });
    return json({ request: requestView(request) }, { status: 201 });
  },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
