import { methodNotAllowed, route } from '@/lib/http/route';
import { getImportStatus } from '@/lib/imports/get-import-status';
import { importIdParams, statusQuery } from '@/lib/imports/import-request';

export const dynamic = 'force-dynamic';

/** An import or dry run: status, progress, summary, and (once ended) a page of its rejected lines. */
export const GET = route(
  {
    auth: { permission: 'imports:write', scope: 'imports:write' },
    params: importIdParams,
    query: statusQuery,
  },
  async ({ params, query }) =>
    getImportStatus(params.importId, { offset: query.rejectsOffset, limit: query.rejectsLimit }),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
