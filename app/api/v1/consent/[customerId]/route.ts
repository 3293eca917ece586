import { z } from 'zod';
import { customerIdSchema } from '@/lib/customers/customer';
import { methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { appendConsent } from '@/lib/privacy/consent/append-consent';
import { consentRequestSchema } from '@/lib/privacy/consent/consent-request';
import { getConsent } from '@/lib/privacy/consent/get-consent';

export const dynamic = 'force-dynamic';

const params = z.object({ customerId: customerIdSchema });

export const GET = route(
  { auth: { permission: 'privacy:read', scope: 'consent:read' }, params },
  async ({ params }) => {
    const current = await getConsent(params.customerId);
    return {
      customerId: current.customerId,
      purposes: current.state,
      // No entry yet: the configured defaults apply.
      defaulted: current.seq === undefined,
      updatedAt: current.updatedAt ?? null,
      policyVersion: current.policyVersion ?? null,
    };
  },
);

export const PUT = route(
  {
    auth: { permission: 'privacy:write', scope: 'consent:write' },
    params,
    body: consentRequestSchema,
    maxBodyBytes: 128 * 1024,
  },
  async ({ params, body, actor, request }) => {
    const entry = await appendConsent({
      customerId: params.customerId,
      changes: body.purposes,
      policyVersion: body.policyVersion,
      noticeText: body.notice,
      noticeHash: body.noticeHash,
      source: actor.kind === 'user' ? 'officer' : (body.source ?? 'storefront'),
      actor: auditActorFor(actor),
      // The shopper's browser signal: an officer's own browser sending GPC says nothing about the customer.
      gpc: actor.kind === 'api_key' && request.headers.get('sec-gpc')?.trim() === '1',
    });
    return {
      customerId: entry.customerId,
      purposes: entry.state,
      defaulted: false,
      updatedAt: entry.at,
      policyVersion: entry.policyVersion,
      entry: { seq: entry.seq, changes: entry.changes, gpc: entry.gpc, hash: entry.hash },
    };
  },
);

const notAllowed = methodNotAllowed(['GET', 'PUT']);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
