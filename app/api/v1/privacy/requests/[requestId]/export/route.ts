import { z } from 'zod';
import { updateItem } from '@/lib/db/items';
import { conflict, notFound } from '@/lib/http/errors';
import { methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { appendAudit } from '@/lib/privacy/audit/append-audit';
import { exportCustomerData, toCsv } from '@/lib/privacy/erasure/export-customer';
import { zipFiles } from '@/lib/privacy/erasure/zip';
import { getPrivacyRequest } from '@/lib/privacy/requests/request-store';
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
    const request = await getPrivacyRequest(params.requestId);
    if (!request) throw notFound(`No privacy request ${params.requestId}.`);
    if (request.kind !== 'access') throw conflict('Only access requests have an export.');
    if (request.status !== 'in_progress' && request.status !== 'completed')
      throw conflict(
        `Verify the requester first: the request is ${request.status}; exports start at in_progress.`,
      );
    const data = await exportCustomerData(request.customerId);
    const exportedAt = data.exportedAt;
    await updateItem('privacy_requests', { requestId: request.requestId }, 'SET exportedAt = :t', {
      values: { ':t': exportedAt },
    });
    await appendAudit({
      action: 'request.exported',
      actor: auditActorFor(actor),
      subjectId: request.requestId,
      details: { format: query.format, tables: Object.keys(data.tables).length },
    });
    const name = `customer-export-${request.requestId}`;
    if (query.format === 'json') {
      return new Response(JSON.stringify(data, null, 2), {
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.json"`,
        },
      });
    }
    const files = [
      {
        name: 'README.txt',
        content: `Data held about ${data.customerId}, exported ${exportedAt}. One CSV per table.\r\n`,
      },
      ...Object.entries(data.tables).map(([table, items]) => ({
        name: `${table}.csv`,
        content: toCsv(items ?? []),
      })),
    ];
    return new Response(new Uint8Array(zipFiles(files)), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${name}.zip"`,
      },
    });
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
