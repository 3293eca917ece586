import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { isCurrency } from '../money/currency';
import { isTimeZone } from '../time/store-time';
import { looksLikeShopify, resolveColumns, type ColumnMapping } from './columns';
import { formatBytes, readCsvRecords, type CsvRecord } from './csv-records';
import { detectTextFormat, readHead, sniffDelimiter } from './file-head';
import {
  DEFAULT_MAX_LINE_BYTES,
  ImportFileError,
  truncateRaw,
  type ImportOptions,
  type ParsedItem,
} from './import-types';
import { LineGuard } from './line-guard';
import { readNdjsonOrders } from './ndjson-orders';
import { ShopifyOrders } from './shopify-rows';
import { toImportLine, type LineContext, type LineFields, type LineResult } from './to-import-line';

/**
 * Reads an order-history file (canonical CSV, Shopify's orders export or NDJSON; docs/import.md) into validated
 * lines. First item: how the file was read ({kind: 'header'}); then one item per order line, accepted or rejected
 * with a reason, in file order. Streams: memory stays bounded by one line whatever the file's size.
 *
 * Throws ImportFileError when the file as a whole cannot be read (empty, a broken header, a CSV structure that cannot
 * be resynchronised); the items yielded before it stand. A read error of `input` is rethrown as it is.
 */
export async function* readImportLines(input: Readable, options: ImportOptions): AsyncGenerator<ParsedItem> {
  if (!isCurrency(options.storeCurrency))
    throw new TypeError(`storeCurrency "${options.storeCurrency}" is not ISO 4217`);
  if (!isTimeZone(options.storeTimeZone))
    throw new TypeError(`storeTimeZone "${options.storeTimeZone}" is not IANA`);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const guard = new LineGuard(maxLineBytes);
  // A failing input destroys the guard with its error, which the reading below then throws.
  const piping = pipeline(input, guard).catch(() => undefined);
  const context: Omit<LineContext, 'lineNumber'> = {
    storeCurrency: options.storeCurrency,
    storeTimeZone: options.storeTimeZone,
    now: options.now ?? new Date(),
    products: options.products,
    customerIdForEmail: options.customerIdForEmail,
  };
  try {
    const head = await readHead(guard);
    if (detectTextFormat(head, options.format) === 'ndjson') {
      yield* readNdjsonOrders(head.body, guard, context, maxLineBytes);
      return;
    }
    yield* readCsvLines(head.body, guard, sniffDelimiter(head.firstLine), options, context, maxLineBytes);
  } finally {
    input.destroy();
    guard.destroy();
    await piping;
  }
}

async function* readCsvLines(
  body: AsyncIterable<Buffer>,
  guard: LineGuard,
  delimiter: string,
  options: ImportOptions,
  context: Omit<LineContext, 'lineNumber'>,
  maxLineBytes: number,
): AsyncGenerator<ParsedItem> {
  let mapping: ColumnMapping | undefined;
  let headerWidth = 0;
  let readRow: ((fields: LineFields, lineNumber: number) => LineResult) | undefined;
  for await (const record of readCsvRecords(body, { delimiter, maxRecordBytes: maxLineBytes })) {
    const dropped = droppedWithin(guard, record);
    const blank = record.fields.every((f) => f.trim() === '');
    if (!mapping) {
      if (dropped)
        throw new ImportFileError(
          `Line ${dropped.line}, at or before the header, is ${formatBytes(dropped.bytes)} long, more than the ${formatBytes(maxLineBytes)} a line may have.`,
          dropped.line,
        );
      if (blank) continue;
      const format =
        options.format === 'auto'
          ? looksLikeShopify(record.fields)
            ? 'shopify'
            : 'canonical'
          : options.format;
      if (format === 'ndjson')
        throw new ImportFileError('An NDJSON file cannot be read as CSV.', record.lineNumber);
      if (format === 'shopify') checkShopifyOptions(options, record.lineNumber);
      mapping = resolveColumns(record.fields, format, {
        map: options.map,
        hasProducts: options.products !== undefined,
        lineNumber: record.lineNumber,
      });
      headerWidth = record.fields.length;
      const shopify = format === 'shopify' ? new ShopifyOrders(context) : undefined;
      readRow = shopify
        ? (fields, lineNumber) => shopify.read(fields, lineNumber)
        : (fields, lineNumber) => toImportLine(fields, { ...context, lineNumber });
      yield {
        kind: 'header',
        header: { format, columns: mapping.columns, ignoredColumns: mapping.ignoredColumns, delimiter },
      };
      continue;
    }
    const raw = truncateRaw(record.raw.replace(/(\r\n|\r|\n)$/, ''));
    if (dropped) {
      const where = dropped.line === record.lineNumber ? 'the line' : `line ${dropped.line} of this row`;
      yield rejected(
        record.lineNumber,
        `${where} is ${formatBytes(dropped.bytes)} long, more than the ${formatBytes(maxLineBytes)} a line may have; it was skipped`,
      );
      continue;
    }
    if (blank) continue;
    const width = widthProblem(record.fields, headerWidth, delimiter);
    if (width) {
      yield rejected(record.lineNumber, width, raw);
      continue;
    }
    const fields: LineFields = new Map();
    for (const [column, at] of mapping.index)
      fields.set(column, { value: record.fields[at] ?? '', label: mapping.columns[column] ?? column });
    const result = readRow?.(fields, record.lineNumber);
    if (!result) continue;
    yield result.ok
      ? { kind: 'line', line: result.line }
      : { kind: 'rejected', rejected: { ...result.rejected, raw } };
  }
  if (!mapping) throw new ImportFileError('The file is empty: it has no header and no lines.');
}

function checkShopifyOptions(options: ImportOptions, lineNumber: number) {
  if (!options.customerIdForEmail)
    throw new TypeError('A Shopify export needs customerIdForEmail: its customers are known by e-mail only');
  if (!options.products)
    throw new ImportFileError(
      "A Shopify export has no product categories: import it together with a products file (columns sku, product_name, category) that gives each SKU's category.",
      lineNumber,
    );
}

const rejected = (lineNumber: number, reason: string, raw?: string): ParsedItem => ({
  kind: 'rejected',
  rejected: { lineNumber, reason, ...(raw === undefined ? {} : { raw }) },
});

/** A line the guard dropped inside this row; lines before the row are forgotten (the guard may be ahead). */
function droppedWithin(guard: LineGuard, record: CsvRecord): { line: number; bytes: number } | undefined {
  let found: { line: number; bytes: number } | undefined;
  for (const [line, bytes] of guard.oversized) {
    if (line > record.lastLine) continue;
    if (line >= record.lineNumber) found ??= { line, bytes };
    guard.oversized.delete(line);
  }
  return found;
}

function widthProblem(fields: readonly string[], width: number, delimiter: string): string | undefined {
  // Trailing empty values (a delimiter at the end of the row) are harmless.
  let count = fields.length;
  while (count > width && (fields[count - 1] ?? '').trim() === '') count--;
  if (count === width) return undefined;
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return count > width
    ? `the row has ${count} values but the header has ${width} columns: a value holding a ${name} must be in double quotes`
    : `the row has ${count} values but the header has ${width} columns`;
}
