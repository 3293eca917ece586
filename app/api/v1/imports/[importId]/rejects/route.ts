import { Readable } from 'node:stream';
import { methodNotAllowed, route } from '@/lib/http/route';
import { downloadRejects } from '@/lib/imports/download-rejects';
import { importIdParams } from '@/lib/imports/import-request';

export const dynamic = 'force-dynamic';

/** The rejected lines (line, column, reason, raw) as CSV; cells a spreadsheet would run as formulas start with '. */
export const GET = route(
  { auth: { permission: 'imports:write', scope: 'imports:write' }, params: importIdParams },
  async ({ params }) => {
    const file = await downloadRejects(params.importId);
    return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
      },
    });
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
