import fs from 'node:fs';
import { Readable } from 'node:stream';
import { getConfig } from '../config';
import { invalid } from '../errors/domain-error';
import { mappableColumns } from './columns';
import { getUpload, readFileColumns } from './import-uploads';
import type {
  ImportFormat,
  ImportHeader,
  ImportLine,
  ParsedItem,
  ProductCatalog,
  RejectedLine,
} from './import-types';
import { keyedEmailCustomerId } from './keyed-email-id';
import { readImportLines } from './read-import-lines';
import { readProducts } from './read-products';

/** One row of the preview: the line as it would be imported, or why it would not be. */
export type PreviewRow = { lineNumber: number; ok: true; line: ImportLine } | ({ ok: false } & RejectedLine);

export interface ImportPreview {
  /** How the file is read: the detected (or forced) format, import column → file column, ignored columns. */
  header: ImportHeader;
  /** The file's own columns in file order (CSV), for a select each. */
  fileColumns: string[];
  /** What a file column may be mapped to in this format, and the columns it must have (one of each entry). */
  targets: string[];
  required: string[][];
  /** The first lines read, in file order (PREVIEW_ROWS at most). */
  rows: PreviewRow[];
}

export interface ReadOptions {
  format: ImportFormat | 'auto';
  map?: Map<string, string>;
  /** An uploaded products file (POST /api/v1/imports/uploads) giving categories by SKU. */
  productsUploadId?: string;
}

export const PREVIEW_ROWS = 20;

async function catalogue(productsUploadId: string | undefined): Promise<ProductCatalog | undefined> {
  if (!productsUploadId) return undefined;
  const upload = getUpload(productsUploadId, 'products file');
  return (await readProducts(fs.createReadStream(upload.file))).products;
}

/**
 * Reads the head of an order file as the import would: its header item, then up to `rows` lines. Throws the
 * reader's ImportFileError (invalid: empty, a broken header naming the missing columns, a format that does not fit)
 * so a bad file is refused before anything runs.
 */
async function readHeadItems(
  input: Readable,
  options: ReadOptions,
  rows: number,
): Promise<{ header: ImportHeader; rows: PreviewRow[] }> {
  const config = getConfig();
  const items: Exclude<ParsedItem, { kind: 'header' }>[] = [];
  let header: ImportHeader | undefined;
  for await (const item of readImportLines(input, {
    format: options.format,
    map: options.map,
    storeCurrency: config.STORE_CURRENCY,
    storeTimeZone: config.STORE_TIMEZONE,
    products: await catalogue(options.productsUploadId),
    customerIdForEmail: keyedEmailCustomerId,
  })) {
    if (item.kind === 'header') header = item.header;
    else items.push(item);
    if (header && items.length >= rows) break; // leaving the loop closes the reader and its input
  }
  if (!header) throw invalid('The file is empty: it has no header and no lines.');
  return {
    header,
    rows: items.map((item) =>
      item.kind === 'line'
        ? { lineNumber: item.line.lineNumber, ok: true as const, line: item.line }
        : { ok: false as const, ...item.rejected },
    ),
  };
}

/** The header of an order file on disk, checked as the import will read it (the 400 before a 202). */
export async function checkImportFile(file: string, options: ReadOptions): Promise<ImportHeader> {
  return (await readHeadItems(fs.createReadStream(file), options, 0)).header;
}

function previewOf(header: ImportHeader, rows: PreviewRow[], fileColumns: string[]): ImportPreview {
  const format = header.format === 'shopify' ? 'shopify' : 'canonical';
  const { columns, required } = mappableColumns(format);
  return {
    header,
    fileColumns: fileColumns.length
      ? fileColumns
      : [...Object.values(header.columns), ...header.ignoredColumns],
    targets: header.format === 'ndjson' ? [] : columns,
    required: header.format === 'ndjson' ? [] : required,
    rows,
  };
}

/** The first rows of an uploaded file, read with the given format and mapping. */
async function previewUpload(uploadId: string, options: ReadOptions): Promise<ImportPreview> {
  const upload = getUpload(uploadId, 'orders file');
  const { header, rows } = await readHeadItems(fs.createReadStream(upload.file), options, PREVIEW_ROWS);
  return previewOf(header, rows, readFileColumns(upload.file).columns);
}

/**
 * The first rows of a file sent as the request body, reading only its head: the rest of the body is drained
 * (unread, up to `maxBytes`) so the sender is not cut off mid-request.
 */
async function previewBody(
  body: ReadableStream<Uint8Array> | null,
  options: ReadOptions & { maxBytes: number },
): Promise<ImportPreview> {
  if (!body)
    throw invalid(
      'No file was sent: send the orders file as the request body, or name an upload (?upload=upl_…).',
    );
  const reader = body.getReader();
  let received = 0;
  const input = new Readable({
    read() {
      reader.read().then(
        ({ done, value }) => {
          if (done) return void this.push(null);
          received += value.byteLength;
          this.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
        },
        (error: unknown) => this.destroy(error as Error),
      );
    },
    destroy(error, callback) {
      void (async () => {
        try {
          for (;;) {
            const next = await reader.read();
            received += next.value?.byteLength ?? 0;
            if (next.done || received > options.maxBytes) break;
          }
        } finally {
          await reader.cancel().catch(() => undefined);
        }
      })().catch(() => undefined);
      callback(error);
    },
  });
  const { header, rows } = await readHeadItems(input, options, PREVIEW_ROWS);
  return previewOf(header, rows, []);
}

/** The preview of an upload (`uploadId`) or of the body's head; not both. */
export async function previewImport(
  source: { uploadId?: string; body: ReadableStream<Uint8Array> | null },
  options: ReadOptions,
): Promise<ImportPreview> {
  if (source.uploadId) {
    if (source.body)
      throw invalid('Send the orders file as the request body or name an upload (?upload=…), not both.');
    return previewUpload(source.uploadId, options);
  }
  return previewBody(source.body, { ...options, maxBytes: getConfig().IMPORT_MAX_BYTES });
}
