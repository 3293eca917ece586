import type { ConsentChanges } from '../privacy/consent/consent-entry';
import type { Order, Refund } from '../orders/order';
import type { ImportConsent, ImportLine } from './import-types';

/**
 * One order from its lines (all the file's lines with its order id), or the reason none can be made. Pure. The
 * rules (docs/import.md "Orders from lines"):
 * - the lines must name one customer (and one currency);
 * - sale lines (quantity > 0) are the order's items, in file order; the order is placed at its earliest sale line;
 * - a line's unit price is its total ÷ quantity when that is exact; otherwise the line becomes two items of the same
 *   product, `q − r` at ⌊total ÷ q⌋ and `r` at one minor unit more (r = total mod q), so the total stays exact
 *   (3 for 10.00 → 2 × 3.33 + 1 × 3.34);
 * - a return line (quantity < 0) is a refund `ret-<line number>` of −line total, dated at its line (never before
 *   the sale), with the returned product and quantity; Shopify's order-level refunded amount is a refund
 *   `refund-<line number>` with no items; a return of a free item moves no money and records no refund;
 * - an order with returns but no sale line is refused: the money of its returns belongs to a sale stored elsewhere
 *   (another file, the storefront), which an import does not change; so is one refunding more than it sold.
 */

export const IMPORT_SOURCE = 'import';

/** What the customer pass needs of an order: who, when, and what the lines say about them. */
export interface CustomerFact {
  customerId: string;
  orderId: string;
  placedAt: string;
  /** The order's total as sold (what a summary trigger carries when the order index lags). */
  totalMinor: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  city?: string;
  postcode?: string;
  consent?: ConsentChanges;
}

export interface ProductFact {
  sku: string;
  name?: string;
  category: string;
  /** The unit price of the line it was seen on (a shelf price for a product the catalogue lacks). */
  unitPriceMinor: number;
}

export type BuiltOrder =
  | {
      ok: true;
      order: Order;
      customer: CustomerFact;
      products: ProductFact[];
      lines: number;
      /** Return lines of free items: part of the order, no refund (no money moved). */
      freeReturns: number;
    }
  | { ok: false; reason: string; column?: string; lines: readonly ImportLine[] };

const PROFILE_FIELDS = ['email', 'firstName', 'lastName', 'city', 'postcode'] as const;

/** The file's consent columns as ledger changes (the purposes it names only). */
export function consentChanges(consent: ImportConsent | undefined): ConsentChanges | undefined {
  if (!consent) return undefined;
  const changes: ConsentChanges = {};
  if (consent.analytics !== undefined) changes.analytics = consent.analytics;
  if (consent.personalization !== undefined) changes.personalization = consent.personalization;
  if (consent.aiProcessing !== undefined) changes.ai_processing = consent.aiProcessing;
  if (consent.marketing !== undefined) changes.marketing = consent.marketing;
  return Object.keys(changes).length ? changes : undefined;
}

/** Items for a sale line whose total need not divide by its quantity: at most two, summing exactly to the total. */
export function saleItems(line: Pick<ImportLine, 'sku' | 'category' | 'quantity' | 'lineTotalMinor'>) {
  const unit = Math.floor(line.lineTotalMinor / line.quantity);
  const rest = line.lineTotalMinor - unit * line.quantity; // 0 ≤ rest < quantity
  const item = (quantity: number, unitPriceMinor: number) => ({
    productId: line.sku,
    categoryId: line.category,
    quantity,
    unitPriceMinor,
  });
  return rest === 0 ? [item(line.quantity, unit)] : [item(line.quantity - rest, unit), item(rest, unit + 1)];
}

const refuse = (lines: readonly ImportLine[], reason: string, column?: string): BuiltOrder => ({
  ok: false,
  reason,
  column,
  lines,
});

export function buildOrder(lines: readonly ImportLine[]): BuiltOrder {
  const sorted = [...lines].sort((a, b) => a.lineNumber - b.lineNumber);
  const first = sorted[0]!;
  const orderId = first.orderId;
  const other = sorted.find((l) => l.customerId !== first.customerId);
  if (other)
    return refuse(
      sorted,
      `the lines of order ${orderId} name different customers (${first.customerId} on line ${first.lineNumber}, ${other.customerId} on line ${other.lineNumber}): an order belongs to one customer`,
      'customer_id',
    );
  const otherCurrency = sorted.find((l) => l.currency !== first.currency);
  if (otherCurrency)
    return refuse(
      sorted,
      `the lines of order ${orderId} are in different currencies (${first.currency} on line ${first.lineNumber}, ${otherCurrency.currency} on line ${otherCurrency.lineNumber})`,
      'currency',
    );
  const sales = sorted.filter((l) => l.quantity > 0);
  const returns = sorted.filter((l) => l.quantity < 0);
  if (!sales.length)
    return refuse(
      sorted,
      `order ${orderId} has only return lines: the sale they refund is not in this file (import the returns with their order, or record them as refunds of the stored order)`,
      'quantity',
    );
  const placedAt = sales.map((l) => l.orderedAt).sort()[0]!;
  const items = sales.flatMap(saleItems);
  const totalMinor = sales.reduce((sum, l) => sum + l.lineTotalMinor, 0);

  const refunds: Refund[] = [];
  let freeReturns = 0;
  for (const line of returns) {
    if (line.lineTotalMinor >= 0) {
      // A free item brought back (a carrier bag): no money moves, so there is no refund to record; the line is
      // part of the order and counted in the summary as a return without money.
      freeReturns++;
      continue;
    }
    refunds.push({
      refundId: `ret-${line.lineNumber}`,
      at: line.orderedAt > placedAt ? line.orderedAt : placedAt,
      amountMinor: -line.lineTotalMinor,
      items: [{ productId: line.sku, categoryId: line.category, quantity: -line.quantity }],
      reason: 'return',
      source: IMPORT_SOURCE,
    });
  }
  const refunded = sorted.find((l) => l.orderRefundedMinor !== undefined);
  if (refunded?.orderRefundedMinor)
    refunds.push({
      refundId: `refund-${refunded.lineNumber}`,
      at: placedAt,
      amountMinor: refunded.orderRefundedMinor,
      reason: 'refunded amount of the source order',
      source: IMPORT_SOURCE,
    });
  const refundedMinor = refunds.reduce((sum, r) => sum + r.amountMinor, 0);
  if (refundedMinor > totalMinor)
    return refuse(
      sorted,
      `order ${orderId} refunds ${refundedMinor} but sold ${totalMinor} (minor units of ${first.currency}): an order cannot give back more than it took`,
      'line_total',
    );

  const customer: CustomerFact = { customerId: first.customerId, orderId, placedAt, totalMinor };
  for (const field of PROFILE_FIELDS) {
    const value = sorted.find((l) => l[field])?.[field];
    if (value) customer[field] = value;
  }
  for (const line of sorted) {
    const changes = consentChanges(line.consent);
    if (changes) customer.consent = { ...customer.consent, ...changes };
  }
  const products = new Map<string, ProductFact>();
  for (const line of sales)
    products.set(line.sku, {
      sku: line.sku,
      name: line.productName,
      category: line.category,
      unitPriceMinor: Math.round(line.lineTotalMinor / line.quantity),
    });
  for (const line of returns)
    if (!products.has(line.sku))
      products.set(line.sku, {
        sku: line.sku,
        name: line.productName,
        category: line.category,
        unitPriceMinor: Math.round(line.lineTotalMinor / line.quantity),
      });

  const order: Order = {
    orderId,
    customerId: first.customerId,
    placedAt,
    currency: first.currency,
    items,
    totalMinor,
    ...(refunds.length ? { refunds, refundedMinor } : {}),
    status: 'completed',
    source: IMPORT_SOURCE,
  };
  return { ok: true, order, customer, products: [...products.values()], lines: sorted.length, freeReturns };
}
