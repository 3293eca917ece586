import { z } from 'zod';
import { notFound } from '@/lib/errors/domain-error';
import { methodNotAllowed, route } from '@/lib/http/route';
import { getPrivacyRequest } from '@/lib/privacy/requests/request-store';
import { requestIdSchemaPattern, requestView } from '@/lib/privacy/requests/request-view';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    auth: { permission: 'privacy:read' },
    params: z.object({ requestId: z.string().regex(requestIdSchemaPattern, 'must look like req_…') }),
  },
  async ({ params }) => {
    const request = await getPrivacyRequest(params.requestId);
    if (!request) throw notFound(`No privacy request ${params.requestId}.`);
    return { request: requestView(request) };
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
