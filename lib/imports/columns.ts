import type { ImportFormat } from './import-types';
import { ImportFileError } from './import-types';

/**
 * Which file column feeds which import column (docs/import.md "Columns"). Pure: header names in, a mapping or one
 * error naming every problem out.
 */

/** The import's own column names: the canonical CSV's, and what a Shopify export adds. */
export const IMPORT_COLUMNS = [
  'order_id',
  'customer_id',
  'ordered_at',
  'sku',
  'product_name',
  'category',
  'quantity',
  'line_total',
  'unit_price',
  'currency',
  'email',
  'first_name',
  'last_name',
  'city',
  'postcode',
  'country',
  'consent_analytics',
  'consent_personalization',
  'consent_ai_processing',
  'consent_marketing',
  // Shopify's own: split, checked or carried over before a line is built (shopify-rows.ts).
  'billing_name',
  'financial_status',
  'refunded_amount',
  'accepts_marketing',
  'line_discount',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const KNOWN = new Set<string>(IMPORT_COLUMNS);
export const isImportColumn = (name: string): name is ImportColumn => KNOWN.has(name);

/** "Order ID", "order-id", " ORDER_ID " → "order_id": case, spaces, `_`, `-` and `.` do not matter in a header. */
export const normaliseHeader = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]+/g, '_')
    .replace(/^_|_$/g, '');

/** Each column and the names that mean it (normalised; the first is the column's own). Kept small on purpose. */
type Dictionary = ReadonlyArray<readonly [ImportColumn, ...string[]]>;

const CANONICAL: Dictionary = [
  ['order_id', 'order', 'orderid', 'order_number', 'order_no'],
  ['customer_id', 'customer', 'customerid'],
  ['ordered_at', 'date', 'order_date', 'created_at', 'placed_at'],
  ['sku', 'product_id', 'productid'],
  ['product_name', 'product', 'name', 'item_name'],
  ['category', 'category_id', 'product_category'],
  ['quantity', 'qty'],
  ['line_total', 'total', 'amount', 'line_amount'],
  ['unit_price', 'price'],
  ['currency', 'currency_code'],
  ['email', 'e_mail', 'email_address'],
  ['first_name', 'firstname'],
  ['last_name', 'lastname', 'surname'],
  ['city', 'town'],
  ['postcode', 'zip', 'zip_code', 'postal_code'],
  ['country', 'country_code'],
  ['consent_analytics'],
  ['consent_personalization'],
  ['consent_ai_processing'],
  ['consent_marketing'],
];

/** Shopify's orders export (normalised), as documented in its help centre and seen in real exports. */
const SHOPIFY: Dictionary = [
  ['order_id', 'name'],
  ['email', 'email'],
  ['ordered_at', 'created_at'],
  ['currency', 'currency'],
  ['quantity', 'lineitem_quantity'],
  ['product_name', 'lineitem_name'],
  ['unit_price', 'lineitem_price'],
  ['sku', 'lineitem_sku'],
  ['line_discount', 'lineitem_discount'],
  ['billing_name', 'billing_name'],
  ['city', 'billing_city'],
  ['postcode', 'billing_zip'],
  ['country', 'billing_country'],
  ['financial_status', 'financial_status'],
  ['refunded_amount', 'refunded_amount'],
  ['accepts_marketing', 'accepts_marketing'],
];

/** Headers no other tool writes together: how a Shopify export is recognised. */
const SHOPIFY_MARKERS = ['name', 'lineitem_quantity', 'lineitem_price'];

export const looksLikeShopify = (headers: readonly string[]) => {
  const names = new Set(headers.map(normaliseHeader));
  return SHOPIFY_MARKERS.every((m) => names.has(m));
};

export interface ColumnMapping {
  /** Import column → index in the row. */
  index: Map<ImportColumn, number>;
  /** Import column → the file's header, as written (trimmed). */
  columns: Record<string, string>;
  ignoredColumns: string[];
}

type CsvFormat = Exclude<ImportFormat, 'ndjson'>;

function required(format: CsvFormat | 'products', hasProducts: boolean): ImportColumn[][] {
  // Each entry: one of these must be there.
  if (format === 'products') return [['sku'], ['category']];
  if (format === 'shopify')
    return [['order_id'], ['ordered_at'], ['currency'], ['quantity'], ['unit_price'], ['sku'], ['email']];
  const list: ImportColumn[][] = [
    ['order_id'],
    ['customer_id'],
    ['ordered_at'],
    ['sku'],
    ['quantity'],
    ['line_total', 'unit_price'],
    ['currency'],
  ];
  // A products file can give every line its category.
  if (!hasProducts) list.push(['category']);
  return list;
}

const dictionaryFor = (format: CsvFormat | 'products') => (format === 'shopify' ? SHOPIFY : CANONICAL);

/**
 * What a file column may be mapped to in this format (`--map`, the Imports page's selects), and the columns it must
 * have (each entry: one of these).
 */
export function mappableColumns(
  format: CsvFormat | 'products',
  hasProducts = false,
): { columns: ImportColumn[]; required: ImportColumn[][] } {
  const columns =
    format === 'products'
      ? (['sku', 'product_name', 'category'] as ImportColumn[])
      : dictionaryFor(format).map(([c]) => c);
  return { columns, required: required(format, hasProducts) };
}

/**
 * What each header would be read as by its name or an alias alone (resolveColumns' precedence, without its checks):
 * the Imports page's starting point when a header cannot be read as a whole. Pairs, since headers are the user's.
 */
export function suggestColumns(headers: readonly string[], format: CsvFormat): [string, ImportColumn][] {
  const dictionary = dictionaryFor(format);
  const chosen = new Map<number, ImportColumn>();
  const taken = new Set<ImportColumn>();
  for (const level of format === 'shopify' ? [1] : [0, 1])
    headers.forEach((header, at) => {
      const name = normaliseHeader(header);
      if (chosen.has(at) || name === '') return;
      const hit = dictionary.find(
        ([column, ...aliases]) =>
          !taken.has(column) && (level === 0 ? name === column : aliases.includes(name)),
      );
      if (!hit) return;
      chosen.set(at, hit[0]);
      taken.add(hit[0]);
    });
  return [...chosen].sort((a, b) => a[0] - b[0]).map(([at, column]) => [headers[at]?.trim() ?? '', column]);
}

function namesFor(format: CsvFormat | 'products', column: ImportColumn): string[] {
  const entry = dictionaryFor(format).find(([c]) => c === column);
  const names = entry ? entry.slice(1) : [];
  return format === 'shopify' ? names : [column, ...names];
}

const quoteList = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * Resolves a header row. Precedence: a `--map` entry, then the column's own name, then an alias; two headers for one
 * column at the same level, a map naming a column the file lacks, or a missing required column is an error listing
 * every such problem and the names accepted.
 */
export function resolveColumns(
  headers: readonly string[],
  format: CsvFormat | 'products',
  options: { map?: Map<string, string>; hasProducts?: boolean; lineNumber?: number } = {},
): ColumnMapping {
  const dictionary = dictionaryFor(format);
  const allowed = new Set(dictionary.map(([c]) => c));
  const normalised = headers.map(normaliseHeader);
  const index = new Map<ImportColumn, number>();
  const used = new Set<number>();
  const problems: string[] = [];

  for (const [source, target] of options.map ?? []) {
    const column = normaliseHeader(target);
    const at = normalised.indexOf(normaliseHeader(source));
    if (!isImportColumn(column) || !allowed.has(column)) {
      problems.push(
        `--map "${source}=${target}": "${target}" is not an import column (use one of ${dictionary.map(([c]) => c).join(', ')})`,
      );
    } else if (at === -1) {
      problems.push(`--map "${source}=${target}": the file has no column "${source}"`);
    } else if (index.has(column)) {
      problems.push(`--map gives ${column} twice`);
    } else {
      index.set(column, at);
      used.add(at);
    }
  }

  // Own names first, then aliases, so "total" never shadows a real line_total column.
  const levels = format === 'shopify' ? [1] : [0, 1];
  for (const level of levels) {
    const found = new Map<ImportColumn, number[]>();
    normalised.forEach((name, at) => {
      if (used.has(at) || name === '') return;
      for (const [column, ...aliases] of dictionary) {
        const hit = level === 0 ? name === column : aliases.includes(name);
        if (hit && !index.has(column)) found.set(column, [...(found.get(column) ?? []), at]);
      }
    });
    for (const [column, ats] of found) {
      if (ats.length > 1) {
        problems.push(
          `the columns ${quoteList(ats.map((a) => headers[a]?.trim() ?? ''))} all mean ${column}: keep one, or say which with --map`,
        );
        continue;
      }
      const at = ats[0] as number;
      index.set(column, at);
      used.add(at);
    }
  }

  for (const group of required(format, options.hasProducts ?? false)) {
    if (group.some((c) => index.has(c))) continue;
    const described = group.map((c) => `${c} (accepted names: ${quoteList(namesFor(format, c))})`);
    problems.push(`the file has no ${described.join(' or ')} column`);
  }

  if (problems.length) {
    const what = format === 'shopify' ? 'Shopify export' : format === 'products' ? 'products file' : 'file';
    throw new ImportFileError(
      `The ${what}'s header cannot be read: ${problems.join('; ')}. Headers match whatever their case, spaces, _ or -; use --map 'Your column=import_column' for any other name.`,
      options.lineNumber ?? 1,
    );
  }

  const columns: Record<string, string> = {};
  for (const [column, at] of index) columns[column] = headers[at]?.trim() ?? '';
  const ignoredColumns = headers.filter((h, at) => !used.has(at) && h.trim() !== '').map((h) => h.trim());
  return { index, columns, ignoredColumns };
}
