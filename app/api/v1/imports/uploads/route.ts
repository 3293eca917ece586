import { fileBody } from '@/lib/http/file-body';
import { json, methodNotAllowed, route } from '@/lib/http/route';
import { uploadQuery } from '@/lib/imports/import-request';
import { saveUpload } from '@/lib/imports/import-uploads';

export const dynamic = 'force-dynamic';

/** A file for a later preview, dry run or import (orders) or to go with one (`products`): streamed to disk. */
export const POST = route(
  { auth: { permission: 'imports:write', scope: 'imports:write' }, query: uploadQuery },
  async ({ query, request }) => {
    const { body, declaredBytes } = fileBody(request);
    const saved = await saveUpload(body, { name: query.name, declaredBytes });
    return json(saved, { status: 201 });
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
