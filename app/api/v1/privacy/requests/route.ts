import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { getItem, queryItems } from '@/lib/db/items';
import { unprocessable } from '@/lib/http/errors';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { isErased } from '@/lib/privacy/erasure/tombstones';
import { REGIMES, REQUEST_KINDS, REQUEST_STATUSES } from '@/lib/privacy/requests/privacy-request';
import { createPrivacyRequest, listPrivacyRequests } from '@/lib/privacy/requests/request-store';
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
    if (await isErased(body.customerId))
      throw unprocessable(`Customer ${body.customerId} was erased; nothing is held.`);
    const [customer, consent] = await Promise.all([
      getItem('customers', { customerId: body.customerId }, { consistent: true }),
      queryItems('consent', { keyCondition: 'customerId = :c', values: { ':c': body.customerId }, limit: 1 }),
    ]);
    if (!customer && !consent.length)
      throw unprocessable(`Nothing is held about ${body.customerId}: no profile and no consent record.`);
    const request = await createPrivacyRequest({ ...body, actor: auditActorFor(actor) });
    return json({ request: requestView(request) }, { status: 201 });
  },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
