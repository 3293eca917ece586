import { auditActorFor } from '@/lib/http/audit-actor';
import { fileBody } from '@/lib/http/file-body';
import { afterResponse } from '@/lib/http/after-response';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { historyQuery, startImportQuery } from '@/lib/imports/import-request';
import { listImportHistory } from '@/lib/imports/list-import-history';
import { startImport } from '@/lib/imports/start-import';

export const dynamic = 'force-dynamic';

const auth = { permission: 'imports:write', scope: 'imports:write' } as const;

/** The import history, newest first. */
export const GET = route({ auth, query: historyQuery }, async ({ query }) =>
  listImportHistory(query.limit, query.cursor),
);

/**
 * Starts an import (or `dryRun`) of an order file sent as the body, streamed to disk, or named by `upload`; 202 with
 * its id once the file is in and its header reads. It runs in the background; GET …/imports/{id} follows it.
 */
export const POST = route({ auth, query: startImportQuery }, async ({ query, actor, request }) => {
  const { body, declaredBytes } = fileBody(request);
  const started = await startImport({
    orders: { uploadId: query.upload, body, declaredBytes, name: query.name },
    productsUploadId: query.products,
    format: query.format,
    map: query.map,
    dryRun: query.dryRun,
    requestedBy: auditActorFor(actor).id,
  });
  afterResponse(started.run);
  const url = `/api/v1/imports/${started.view.importId}`;
  return json(
    { importId: started.view.importId, dryRun: started.view.dryRun, statusUrl: url, import: started.view },
    { status: 202, headers: { Location: url } },
  );
});

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
