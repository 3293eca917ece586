import fs from 'node:fs';
import type { Order, Refund } from '../orders/order';
import { getOrders } from '../orders/get-orders';
import { putOrders } from '../orders/put-orders';
import { knownErasedAmong } from '../privacy/erasure/tombstones';
import { knownProductIds } from '../products/known-product-ids';
import { putNewProducts } from '../products/put-new-products';
import type { ProductItem } from '../products/put-products';
import { buildOrder, IMPORT_SOURCE, type CustomerFact, type ProductFact } from './build-order';
import type { ImportLine } from './import-types';
import type { ImportTally } from './import-tally';
import { SpillBuckets } from './spill-buckets';

/** Order ids already handled by this import, so a bucket never sees one twice (they are spread by order id). */
export interface OrderBucketContext {
  tally: ImportTally;
  dryRun: boolean;
  /** SKUs seen so far in this import: each is checked against the catalogue once. */
  skus: Set<string>;
  /** Where each stored order's customer fact goes (the customer pass). */
  onCustomer: (fact: CustomerFact) => void;
}

/** Key order does not matter, content does: two orders are the same when this renders them alike. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Refunds recorded on the stored order by someone else (the refunds API) stay when the file's version of the order
 * replaces it: the file speaks for its own lines only.
 */
function keepOthersRefunds(built: Order, stored: Order): Order {
  const others: Refund[] = (stored.refunds ?? []).filter((r) => r.source !== IMPORT_SOURCE);
  if (!others.length) return built;
  const refunds = [...(built.refunds ?? []), ...others];
  return { ...built, refunds, refundedMinor: refunds.reduce((sum, r) => sum + r.amountMinor, 0) };
}

const byOrder = (lines: readonly ImportLine[]) => {
  const groups = new Map<string, ImportLine[]>();
  for (const line of lines) {
    const group = groups.get(line.orderId);
    if (group) group.push(line);
    else groups.set(line.orderId, [line]);
  }
  return groups;
};

/** A bucket's orders ready to write: those new or changed, and products the catalogue may lack. */
export interface PreparedOrders {
  orders: Order[];
  products: ProductItem[];
}

/**
 * One bucket of lines (every line of the orders whose ids hash to it): orders built, checked against erasure and
 * the orders already stored, counted, and each order's customer fact passed on; what needs writing is returned
 * (writeOrderBucket), so the next bucket can be prepared while this one is written. Every line ends up in an order
 * or in the rejects file with its reason.
 */
export async function prepareOrderBucket(
  lines: readonly ImportLine[],
  context: OrderBucketContext,
): Promise<PreparedOrders> {
  const { tally } = context;
  const built: {
    order: Order;
    customer: CustomerFact;
    products: ProductFact[];
    lines: number;
    freeReturns: number;
  }[] = [];
  const rejectAll = (group: readonly ImportLine[], reason: string, kind: string, column?: string) => {
    for (const line of group)
      tally.reject({ lineNumber: line.lineNumber, column, reason, raw: rawOf(line) }, kind);
  };
  const groups = byOrder(lines);
  // The process's tombstone set (fresh at the import's start, then at most 2 s old): a read per 100 customers of
  // every bucket would cost as much as a tenth of the writes, for erasures that are few and rarely concurrent.
  const erased = await knownErasedAmong(lines.map((l) => l.customerId));
  for (const group of groups.values()) {
    const result = buildOrder(group);
    if (!result.ok) {
      rejectAll(result.lines, result.reason, orderReasonKind(result.reason), result.column);
      continue;
    }
    if (erased.has(result.order.customerId)) {
      rejectAll(
        group,
        `customer ${result.order.customerId} was erased at their request: their orders are not imported again`,
        'the customer was erased at their request',
        'customer_id',
      );
      continue;
    }
    built.push(result);
  }

  // Read one request at a time: the store answers them no slower than in parallel, and the writes of the bucket
  // before, which run meanwhile, keep their share of it.
  const stored = new Map(
    (
      await getOrders(
        built.map((b) => b.order.orderId),
        1,
      )
    ).map((o) => [o.orderId, o]),
  );
  const toWrite: Order[] = [];
  const kept: typeof built = [];
  for (const entry of built) {
    const existing = stored.get(entry.order.orderId);
    if (existing && existing.source !== IMPORT_SOURCE) {
      rejectAll(
        linesOf(lines, entry.order.orderId),
        `order id ${entry.order.orderId} is already used by an order from ${existing.source}: an import does not replace it`,
        'the order id is already used by an order not imported',
        'order_id',
      );
      continue;
    }
    const order = existing ? keepOthersRefunds(entry.order, existing) : entry.order;
    if (order.refundedMinor !== undefined && order.refundedMinor > order.totalMinor) {
      rejectAll(
        linesOf(lines, order.orderId),
        `order ${order.orderId} would be refunded more than it sold once the refunds recorded since its last import are kept`,
        'refunds would exceed the sales',
        'line_total',
      );
      continue;
    }
    const unchanged = existing !== undefined && stableJson(existing) === stableJson(order);
    if (!unchanged) toWrite.push(order);
    tally.order(order, entry.lines, unchanged);
    tally.freeReturnLines += entry.freeReturns;
    kept.push({ ...entry, order });
  }

  const products = new Map<string, ProductFact>();
  for (const entry of kept)
    for (const p of entry.products) if (!context.skus.has(p.sku)) products.set(p.sku, p);
  for (const sku of products.keys()) context.skus.add(sku);
  tally.products += products.size;
  const items: ProductItem[] = [...products.values()].map((p) => ({
    productId: p.sku,
    sku: p.sku,
    name: p.name ?? p.sku,
    categoryId: p.category,
    priceMinor: Math.max(0, p.unitPriceMinor),
  }));
  if (context.dryRun)
    tally.productsNew += items.length - (await knownProductIds(items.map((p) => p.productId))).size;
  for (const entry of kept) context.onCustomer(entry.customer);
  return { orders: toWrite, products: items };
}

/** Writes a prepared bucket: products the catalogue lacks, then the orders (25 a request, several in flight). */
export async function writeOrderBucket(prepared: PreparedOrders, tally: ImportTally): Promise<void> {
  tally.productsNew += (await putNewProducts(prepared.products)).length;
  await putOrders(prepared.orders);
}

const linesOf = (lines: readonly ImportLine[], orderId: string) => lines.filter((l) => l.orderId === orderId);

/** The order-level reasons of build-order.ts, by kind (their particulars are ids and amounts). */
function orderReasonKind(reason: string): string {
  if (reason.includes('name different customers')) return 'the lines of an order name different customers';
  if (reason.includes('different currencies')) return 'the lines of an order are in different currencies';
  if (reason.includes('only return lines'))
    return 'an order with only return lines (its sale is not in the file)';
  if (reason.includes('cannot give back more')) return 'refunds exceed the sales of the order';
  return reason;
}

/** A refused line as the rejects file shows it: the fields read from it (the row as written is not kept). */
const rawOf = (line: ImportLine) =>
  [
    line.orderId,
    line.customerId,
    line.orderedAt,
    line.sku,
    line.quantity,
    line.lineTotalMinor,
    line.currency,
  ].join(',');

/**
 * The orders pass over every bucket, in two stages: while one bucket's orders are written, the next is read, built
 * and checked (its reads overlap the writes), so the store is not left idle while this process computes; at most two
 * buckets are in memory. Each bucket file is deleted once prepared.
 */
export async function storeOrderBuckets(
  buckets: SpillBuckets,
  context: OrderBucketContext,
  onBucket: (done: number, ordersStored: number) => void,
): Promise<void> {
  let stored = 0;
  let writing: Promise<void> | undefined;
  let writeFailed: { error: unknown } | undefined;
  const written = async () => {
    await writing;
    if (writeFailed) throw writeFailed.error;
  };
  try {
    for (let b = 0; b < buckets.count; b++) {
      const file = buckets.file(b);
      const prepared = await prepareOrderBucket(SpillBuckets.read<ImportLine>(file), context);
      fs.rmSync(file, { force: true });
      await written();
      onBucket(b, stored);
      // Caught at once and rethrown by written(): a write failing while the next bucket is prepared must not go
      // unhandled.
      writing = context.dryRun
        ? undefined
        : writeOrderBucket(prepared, context.tally).then(
            () => void (stored += prepared.orders.length),
            (error: unknown) => void (writeFailed = { error }),
          );
    }
    await written();
    onBucket(buckets.count, stored);
  } finally {
    await writing; // never rejects (above): nothing is left writing when the customers pass or a failure begins
  }
}
