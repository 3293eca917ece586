import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { isCurrency, minorToDecimal } from '../money/currency';
import type { ImportColumn } from './columns';
import { formatBytes } from './csv-records';
import { truncateRaw, type ParsedItem, type RejectedLine } from './import-types';
import type { LineGuard } from './line-guard';
import { toImportLine, type LineContext, type LineFields } from './to-import-line';

/**
 * NDJSON backfills: one POST /api/v1/orders body per line, each item becoming an import line checked by the same
 * rules as a CSV row. Unlike the API, orderId and placedAt are required (a backfill without them cannot be made
 * idempotent or dated), customerId may be left out when customer.email identifies the customer, and a negative
 * quantity is a return.
 */

const text = z.string().max(1000);
const itemSchema = z.strictObject({
  productId: text,
  categoryId: text.optional(),
  quantity: z.number(),
  unitPriceMinor: z.number().int().nonnegative().optional(),
  unitPrice: text.optional(),
});
const orderSchema = z.strictObject({
  orderId: text,
  customerId: text.optional(),
  placedAt: text,
  currency: text.optional(),
  items: z.array(itemSchema).min(1, 'an order needs at least one item').max(500, 'at most 500 items'),
  customer: z
    .strictObject({
      firstName: text.optional(),
      lastName: text.optional(),
      email: text.optional(),
      city: text.optional(),
      postcode: text.optional(),
    })
    .optional(),
});
type NdjsonOrder = z.infer<typeof orderSchema>;

const pathOf = (path: ReadonlyArray<PropertyKey>) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** zod's wording made plain: "placedAt is missing", "unknown field: extra". */
function describeIssue(issue: z.core.$ZodIssue): { column?: string; reason: string } {
  const path = pathOf(issue.path);
  if (issue.code === 'unrecognized_keys')
    return {
      ...(path ? { column: path } : {}),
      reason: `${path ? `${path}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`,
    };
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return { column: path, reason: `${path} is missing` };
  return { ...(path ? { column: path } : {}), reason: `${path || 'the order'}: ${issue.message}` };
}

export async function* readNdjsonOrders(
  body: AsyncIterable<Buffer>,
  guard: LineGuard,
  context: Omit<LineContext, 'lineNumber'>,
  maxLineBytes: number,
): AsyncGenerator<ParsedItem> {
  yield { kind: 'header', header: { format: 'ndjson', columns: {}, ignoredColumns: [] } };
  const lines = createInterface({ input: Readable.from(body), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const dropped = guard.oversized.get(lineNumber);
      if (dropped !== undefined) {
        guard.oversized.delete(lineNumber);
        yield rejected({
          lineNumber,
          reason: `the line is ${formatBytes(dropped)} long, more than the ${formatBytes(maxLineBytes)} a line may have; it was skipped`,
        });
        continue;
      }
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        yield rejected({
          lineNumber,
          reason: `the line is not valid JSON (${(error as Error).message})`,
          raw: truncateRaw(line),
        });
        continue;
      }
      const order = orderSchema.safeParse(json);
      if (!order.success) {
        const issues = order.error.issues.map(describeIssue);
        yield rejected({
          lineNumber,
          ...(issues[0]?.column ? { column: issues[0].column } : {}),
          reason: issues.map((i) => i.reason).join('; '),
          raw: truncateRaw(line),
        });
        continue;
      }
      yield* itemsOf(order.data, { ...context, lineNumber }, line);
    }
  } finally {
    lines.close();
  }
}

const rejected = (r: RejectedLine): ParsedItem => ({ kind: 'rejected', rejected: r });

function* itemsOf(order: NdjsonOrder, context: LineContext, raw: string): Generator<ParsedItem> {
  const currency = order.currency ?? context.storeCurrency; // as the API: an order without one is in the store's
  const reasons = new Set<string>();
  for (const [i, item] of order.items.entries()) {
    const at = `items[${i}]`;
    const fields: LineFields = new Map();
    const put = (column: ImportColumn, value: string | undefined, label: string) =>
      fields.set(column, { value: value ?? '', label });
    put('order_id', order.orderId, 'orderId');
    put('customer_id', order.customerId, 'customerId');
    put('ordered_at', order.placedAt, 'placedAt');
    put('currency', currency, 'currency');
    put('sku', item.productId, `${at}.productId`);
    put('category', item.categoryId, `${at}.categoryId`);
    put('quantity', Number.isFinite(item.quantity) ? String(item.quantity) : '', `${at}.quantity`);
    if ((item.unitPrice === undefined) === (item.unitPriceMinor === undefined)) {
      const reason = `${at}: send exactly one of unitPriceMinor (integer minor units) or unitPrice (a decimal string)`;
      if (!reasons.has(reason)) yield rejected({ lineNumber: context.lineNumber, column: at, reason });
      reasons.add(reason);
      continue;
    }
    if (item.unitPrice !== undefined) put('unit_price', item.unitPrice, `${at}.unitPrice`);
    // Minor units written back as the currency's decimal, read again by the one money rule; exact either way.
    else if (isCurrency(currency))
      put('unit_price', minorToDecimal(item.unitPriceMinor ?? 0, currency), `${at}.unitPriceMinor`);
    const customer = order.customer ?? {};
    put('email', customer.email, 'customer.email');
    put('first_name', customer.firstName, 'customer.firstName');
    put('last_name', customer.lastName, 'customer.lastName');
    put('city', customer.city, 'customer.city');
    put('postcode', customer.postcode, 'customer.postcode');
    const result = toImportLine(fields, context);
    if (result.ok) yield { kind: 'line', line: result.line };
    // An order-level problem reads the same for every item: said once.
    else if (!reasons.has(result.rejected.reason)) {
      reasons.add(result.rejected.reason);
      yield rejected({ ...result.rejected, raw: truncateRaw(raw) });
    }
  }
}
