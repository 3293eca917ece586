import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getImportRoute } from '@/app/api/v1/imports/[importId]/route';
import { GET as getRejectsRoute } from '@/app/api/v1/imports/[importId]/rejects/route';
import { POST as previewRoute } from '@/app/api/v1/imports/preview/route';
import { GET as listRoute, POST as startRoute } from '@/app/api/v1/imports/route';
import { POST as uploadRoute } from '@/app/api/v1/imports/uploads/route';
import { createApiKey } from '@/lib/auth/api-keys/create-api-key';
import { resetConfig } from '@/lib/config';
import { settleAfterResponse } from '@/lib/http/after-response';
import { generateSampleCsv } from '@/lib/imports/generate-sample';
import type { ImportView } from '@/lib/imports/import-view';
import type { ImportPreview } from '@/lib/imports/preview-import';
import type { RejectsPage } from '@/lib/imports/get-import-status';
import { params, problem, request, sessionCookie } from './support/http';
import { startTestStack, type TestStack } from './support/test-stack';

/** The file as a stream, in small chunks, as a browser or curl sends it (no Content-Length). */
function streamOf(text: string, chunkBytes = 16 * 1024): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + chunkBytes)));
      at += chunkBytes;
    },
  });
}

type Headers = Record<string, string>;

const post = (
  handler: typeof startRoute,
  url: string,
  headers: Headers,
  body?: string | ReadableStream<Uint8Array>,
) =>
  handler(
    request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...headers },
      body: typeof body === 'string' ? streamOf(body) : body,
    }),
  );

async function status(importId: string, headers: Headers, query = '') {
  const response = await getImportRoute(
    request(`/api/v1/imports/${importId}${query}`, { headers }),
    params({ importId }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as {
    import: ImportView;
    rejects?: RejectsPage;
    store: { currency: string };
  };
}

/** Polls GET /imports/{id} as a client would, until the import has ended. */
async function untilEnded(importId: string, headers: Headers) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const answer = await status(importId, headers);
    if (answer.import.status !== 'running') return answer;
    if (Date.now() > deadline) throw new Error(`import ${importId} still running`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('imports over the API', () => {
  let stack: TestStack;
  let admin: Headers;
  const sample = generateSampleCsv({ seed: 'imports-api', orders: 400, storeCurrency: 'EUR' });

  beforeAll(async () => {
    stack = await startTestStack();
    admin = { cookie: await sessionCookie('admin') };
  });
  afterAll(async () => {
    await settleAfterResponse();
    await stack.close();
  });

  it('imports a streamed file as admin: 202, then the totals of the file once completed', async () => {
    const response = await post(startRoute, '/api/v1/imports?name=orders.csv', admin, sample.csv);
    expect(response.status).toBe(202);
    const started = (await response.json()) as { importId: string; import: ImportView };
    expect(started.importId).toMatch(/^imp_/);
    expect(response.headers.get('location')).toBe(`/api/v1/imports/${started.importId}`);
    expect(started.import.status).toBe('running');

    const { import: done, store } = await untilEnded(started.importId, admin);
    expect(done.status).toBe('completed');
    expect(done.progress.percent).toBe(100);
    expect(done.format).toBe('canonical');
    expect(done.fileName).toBe('orders.csv');
    expect(done.summary).toMatchObject({
      lines: sample.summary.lines + sample.summary.rejected,
      linesImported: sample.summary.lines,
      linesRejected: sample.summary.rejected,
      orders: sample.summary.orders,
      customers: sample.summary.customers,
      netByCurrency: { EUR: sample.summary.netRevenueMinor },
    });
    expect(store.currency).toBe('EUR');

    // The history lists it, newest first, with its counts.
    const list = await listRoute(request('/api/v1/imports', { headers: admin }));
    const history = (await list.json()) as { imports: ImportView[] };
    expect(history.imports[0]?.importId).toBe(started.importId);
    expect(history.imports[0]?.summary?.orders).toBe(sample.summary.orders);
    expect(history.imports[0]?.rejectsUrl).toBe(`/api/v1/imports/${started.importId}/rejects`);

    // The report pages the rejected lines by line number.
    const page = await status(started.importId, admin, '?rejectsOffset=0&rejectsLimit=5');
    expect(page.rejects?.total).toBe(sample.summary.rejected);
    expect(page.rejects?.lines).toHaveLength(Math.min(5, sample.summary.rejected));
    expect(page.rejects?.lines[0]?.lineNumber).toBeGreaterThan(1);
    expect(page.rejects?.lines[0]?.reason).toBeTruthy();
  });

  it('takes the same file again with an imports:write key and adds nothing (idempotent)', async () => {
    const { key } = await createApiKey({ name: 'backfill', scopes: ['imports:write'], createdBy: 'test' });
    const headers = { 'x-api-key': key };
    const response = await post(startRoute, '/api/v1/imports', headers, sample.csv);
    expect(response.status).toBe(202);
    const { importId } = (await response.json()) as { importId: string };
    const { import: done } = await untilEnded(importId, headers);
    expect(done.status).toBe('completed');
    expect(done.summary?.orders).toBe(sample.summary.orders);
    expect(done.summary?.ordersUnchanged).toBe(sample.summary.orders);
    expect(done.summary?.customersNew).toBe(0);
  });

  it('refuses a key without the scope and a marketing session (403)', async () => {
    const { key } = await createApiKey({ name: 'orders only', scopes: ['orders:write'], createdBy: 'test' });
    const keyed = await post(startRoute, '/api/v1/imports', { 'x-api-key': key }, sample.csv);
    expect(keyed.status).toBe(403);
    expect((await problem(keyed)).detail).toContain('imports:write');
    const marketing = await post(
      startRoute,
      '/api/v1/imports',
      { cookie: await sessionCookie('marketing') },
      sample.csv,
    );
    expect(marketing.status).toBe(403);
    const list = await listRoute(
      request('/api/v1/imports', { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(list.status).toBe(403);
  });

  it('answers 400 naming the problem: no file, an empty file, a broken header, an unknown format', async () => {
    const none = await startRoute(request('/api/v1/imports', { method: 'POST', headers: admin }));
    expect(none.status).toBe(400);
    expect((await problem(none)).detail).toMatch(/No file was sent/);

    const empty = await post(startRoute, '/api/v1/imports', admin, '\n\n');
    expect(empty.status).toBe(400);
    expect((await problem(empty)).detail).toMatch(/empty/);

    const broken = await post(startRoute, '/api/v1/imports', admin, 'order_id,whatever\n1,2\n');
    expect(broken.status).toBe(400);
    const detail = (await problem(broken)).detail;
    for (const missing of ['customer_id', 'ordered_at', 'sku', 'quantity', 'currency'])
      expect(detail).toContain(missing);

    const format = await post(startRoute, '/api/v1/imports?format=xlsx', admin, sample.csv);
    expect(format.status).toBe(400);
    expect((await problem(format)).detail).toContain(
      'format must be one of auto, canonical, shopify, ndjson',
    );

    // Nothing of these reached the history.
    const list = await listRoute(request('/api/v1/imports', { headers: admin }));
    expect(((await list.json()) as { imports: unknown[] }).imports).toHaveLength(2);
  });

  it('refuses a file over IMPORT_MAX_BYTES with 413, declared or found while streaming', async () => {
    process.env.IMPORT_MAX_BYTES = '10000';
    resetConfig();
    try {
      const declared = await startRoute(
        request('/api/v1/imports', {
          method: 'POST',
          headers: { ...admin, 'content-type': 'text/csv', 'content-length': String(sample.csv.length) },
          body: streamOf(sample.csv),
        }),
      );
      expect(declared.status).toBe(413);
      expect((await problem(declared)).detail).toContain('IMPORT_MAX_BYTES');
      const streamed = await post(uploadRoute, '/api/v1/imports/uploads', admin, sample.csv);
      expect(streamed.status).toBe(413);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
      resetConfig();
    }
  });

  it('previews the head of a file, and an upload with another mapping', async () => {
    const head = await post(previewRoute, '/api/v1/imports/preview', admin, sample.csv);
    expect(head.status).toBe(200);
    const { preview } = (await head.json()) as { preview: ImportPreview };
    expect(preview.header.format).toBe('canonical');
    expect(preview.header.columns.order_id).toBe('order_id');
    expect(preview.rows).toHaveLength(20);
    expect(preview.targets).toContain('line_total');

    const renamed = sample.csv.replace(/^order_id,/, 'Beleg,');
    const uploaded = await post(uploadRoute, '/api/v1/imports/uploads?name=beleg.csv', admin, renamed);
    expect(uploaded.status).toBe(201);
    const { upload, file } = (await uploaded.json()) as {
      upload: { uploadId: string; sizeBytes: number };
      file: { columns: string[] };
    };
    expect(upload.sizeBytes).toBe(Buffer.byteLength(renamed));
    expect(file.columns[0]).toBe('Beleg');

    const unmapped = await post(previewRoute, `/api/v1/imports/preview?upload=${upload.uploadId}`, admin);
    expect(unmapped.status).toBe(400);
    expect((await problem(unmapped)).detail).toContain('order_id');
    const mapped = await post(
      previewRoute,
      `/api/v1/imports/preview?upload=${upload.uploadId}&map=${encodeURIComponent('Beleg=order_id')}`,
      admin,
    );
    expect(mapped.status).toBe(200);
    const read = ((await mapped.json()) as { preview: ImportPreview }).preview;
    expect(read.header.columns.order_id).toBe('Beleg');
    expect(read.fileColumns[0]).toBe('Beleg');
  });

  it('runs a dry run of an upload: its report, no history row; the rejects download is formula-safe CSV', async () => {
    const csv = [
      'order_id,customer_id,ordered_at,sku,product_name,category,quantity,line_total,currency',
      'D-1,C-1,2025-03-05T10:00:00Z,MILK-1,Milk,dairy,2,2.38,EUR',
      '=HYPERLINK("http://evil.example"),C-2,2025-03-05T10:00:00Z,MILK-1,Milk,dairy,1,1.19,EUR',
      'D-3,C-3,2025-03-05T10:00:00Z,MILK-1,+cmd,dairy,0,0.00,EUR',
      '',
    ].join('\n');
    const uploaded = await post(uploadRoute, '/api/v1/imports/uploads?name=evil.csv', admin, csv);
    const { upload } = (await uploaded.json()) as { upload: { uploadId: string } };
    const response = await post(startRoute, `/api/v1/imports?upload=${upload.uploadId}&dryRun=true`, admin);
    expect(response.status).toBe(202);
    const { importId } = (await response.json()) as { importId: string };
    const { import: done, rejects } = await untilEnded(importId, admin);
    expect(done).toMatchObject({ status: 'completed', dryRun: true, fileName: 'evil.csv' });
    expect(done.summary).toMatchObject({ lines: 3, linesImported: 1, linesRejected: 2 });
    expect(rejects?.lines.map((l) => l.lineNumber)).toEqual([3, 4]);
    expect(rejects?.lines[0]?.column).toBe('order_id');
    expect(rejects?.lines[1]?.column).toBe('quantity');

    const list = await listRoute(request('/api/v1/imports', { headers: admin }));
    const ids = ((await list.json()) as { imports: ImportView[] }).imports.map((i) => i.importId);
    expect(ids).not.toContain(importId);

    const download = await getRejectsRoute(
      request(`/api/v1/imports/${importId}/rejects`, { headers: admin }),
      params({ importId }),
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/csv');
    expect(download.headers.get('content-disposition')).toContain(`${importId}-rejects.csv`);
    const text = await download.text();
    expect(text.split('\r\n')[0]).toBe('line,column,reason,raw');
    const cells = parse(text, { from_line: 2 }) as string[][];
    expect(cells.map((row) => row[0])).toEqual(['3', '4']);
    expect(cells[0]?.[3]).toBe(
      '\'=HYPERLINK("http://evil.example"),C-2,2025-03-05T10:00:00Z,MILK-1,Milk,dairy,1,1.19,EUR',
    );
    // No cell starts with a character a spreadsheet would run as a formula.
    for (const cell of cells.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
