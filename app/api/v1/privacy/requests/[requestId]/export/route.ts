import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { exportPrivacyRequest } from '@/lib/privacy/requests/export-request';
import { requestIdSchemaPattern } from '@/lib/privacy/requests/request-view';

export const dynamic = 'force-dynamic';

/** The access request's export: one JSON document, or `?format=csv` for a ZIP of one CSV per table. */
export const GET = route(
  {
    auth: { permission: 'privacy:write' },
    params: z.object({ requestId: z.string().regex(requestIdSchemaPattern, 'must look like req_…') }),
    query: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
  },
  async ({ params, query, actor }) => {
    const file = await exportPrivacyRequest(params.requestId, query.format, auditActorFor(actor));
    return new Response(file.content, {
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.name}"`,
      },
    });
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
