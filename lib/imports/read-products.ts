import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolveColumns, type ColumnMapping } from './columns';
import { formatBytes, readCsvRecords } from './csv-records';
import { checkId, checkText } from './field-rules';
import { readHead, sniffDelimiter } from './file-head';
import {
  DEFAULT_MAX_LINE_BYTES,
  ImportFileError,
  truncateRaw,
  type ProductCatalog,
  type RejectedLine,
} from './import-types';
import { LineGuard } from './line-guard';

export interface ProductsFile {
  /** By SKU. */
  products: ProductCatalog;
  rejected: RejectedLine[];
  /** Import column → the file's column (sku, product_name, category). */
  columns: Record<string, string>;
}

/**
 * Reads a products file (`sku, product_name, category`; same header rules, delimiters and quoting as the order CSV)
 * into a catalogue by SKU, for order lines without a category and for Shopify exports, which have none. A SKU
 * listed twice keeps its first row; a second row giving it another category is rejected.
 */
export async function readProducts(
  input: Readable,
  options: { map?: Map<string, string>; maxLineBytes?: number } = {},
): Promise<ProductsFile> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const guard = new LineGuard(maxLineBytes);
  const piping = pipeline(input, guard).catch(() => undefined);
  const products: ProductCatalog = new Map();
  const firstLine = new Map<string, number>();
  const rejected: RejectedLine[] = [];
  let mapping: ColumnMapping | undefined;
  try {
    const head = await readHead(guard);
    const records = readCsvRecords(head.body, {
      delimiter: sniffDelimiter(head.firstLine),
      maxRecordBytes: maxLineBytes,
    });
    for await (const record of records) {
      const dropped = [...guard.oversized].find(
        ([line]) => line >= record.lineNumber && line <= record.lastLine,
      );
      if (dropped) {
        guard.oversized.delete(dropped[0]);
        const problem = `line ${dropped[0]} is ${formatBytes(dropped[1])} long, more than the ${formatBytes(maxLineBytes)} a line may have`;
        if (!mapping) throw new ImportFileError(`The products file's ${problem}.`, dropped[0]);
        rejected.push({ lineNumber: record.lineNumber, reason: `${problem}; it was skipped` });
        continue;
      }
      if (record.fields.every((f) => f.trim() === '')) continue;
      if (!mapping) {
        mapping = resolveColumns(record.fields, 'products', {
          map: options.map,
          lineNumber: record.lineNumber,
        });
        continue;
      }
      const cell = (column: 'sku' | 'product_name' | 'category') => {
        const at = mapping?.index.get(column);
        return at === undefined ? '' : (record.fields[at] ?? '').trim();
      };
      const label = (column: string) => mapping?.columns[column] ?? column;
      const sku = checkId(label('sku'), cell('sku'));
      const name = checkText(label('product_name'), cell('product_name'), 200);
      const category = checkText(label('category'), cell('category'), 100);
      const reasons = [sku, name, category].flatMap((c) => (c.ok ? [] : [c.reason]));
      if (category.ok && category.value === undefined) reasons.push(`${label('category')} is empty`);
      const known = sku.ok ? products.get(sku.value) : undefined;
      if (sku.ok && known && category.ok && category.value !== undefined && known.category !== category.value)
        reasons.push(
          `SKU "${sku.value}" is already on line ${firstLine.get(sku.value)} with ${label('category')} "${known.category}"`,
        );
      if (reasons.length || !sku.ok || !category.ok || category.value === undefined || !name.ok) {
        rejected.push({
          lineNumber: record.lineNumber,
          reason: reasons.join('; '),
          raw: truncateRaw(record.raw.replace(/(\r\n|\r|\n)$/, '')),
        });
        continue;
      }
      if (known) continue;
      products.set(sku.value, { category: category.value, ...(name.value ? { name: name.value } : {}) });
      firstLine.set(sku.value, record.lineNumber);
    }
  } finally {
    input.destroy();
    guard.destroy();
    await piping;
  }
  if (!mapping) throw new ImportFileError('The products file is empty: it has no header and no rows.');
  return { products, rejected, columns: mapping.columns };
}
