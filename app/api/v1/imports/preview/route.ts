import { fileBody } from '@/lib/http/file-body';
import { methodNotAllowed, route } from '@/lib/http/route';
import { previewQuery } from '@/lib/imports/import-request';
import { previewImport } from '@/lib/imports/preview-import';

export const dynamic = 'force-dynamic';

/** The detected format, the column mapping and the first rows of an order file (an upload, or the body's head). */
export const POST = route(
  { auth: { permission: 'imports:write', scope: 'imports:write' }, query: previewQuery },
  async ({ query, request }) => {
    const { body } = fileBody(request);
    const preview = await previewImport(
      { uploadId: query.upload, body },
      { format: query.format, map: query.map, productsUploadId: query.products },
    );
    return { preview };
  },
);

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
