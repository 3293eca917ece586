import { parseMoney } from '../money/currency';
import type { ImportColumn } from './columns';
import { toImportLine, type LineContext, type LineFields, type LineResult } from './to-import-line';

/**
 * Shopify's orders export, row by row (docs/import.md "Shopify"). Only an order's first row carries its order-level
 * values; later rows of the same Name leave them empty, so they are carried over within the order. The customer is
 * the e-mail, pseudonymised by the caller's customerIdForEmail. Categories come from the products file.
 */

/** Values Shopify writes on an order's first row only. */
const ORDER_LEVEL: readonly ImportColumn[] = [
  'ordered_at',
  'currency',
  'email',
  'billing_name',
  'city',
  'postcode',
  'country',
  'financial_status',
  'refunded_amount',
  'accepts_marketing',
];

/** Orders remembered for carry-over. Shopify writes an order's rows together, so a handful would do. */
const REMEMBERED_ORDERS = 10_000;

interface OrderState {
  values: Map<ImportColumn, string>;
  /** The refund is carried once, on the order's first accepted line. */
  refundCarried: boolean;
}

export class ShopifyOrders {
  private readonly orders = new Map<string, OrderState>();

  constructor(private readonly context: Omit<LineContext, 'lineNumber'>) {}

  read(fields: LineFields, lineNumber: number): LineResult {
    const context = { ...this.context, lineNumber };
    const name = fields.get('order_id');
    const orderName = name?.value.trim() ?? '';
    const state = this.stateOf(orderName, fields);
    for (const column of ORDER_LEVEL) {
      const own = fields.get(column);
      const carried = state?.values.get(column);
      if (own && own.value.trim() === '' && carried !== undefined)
        fields.set(column, { ...own, value: carried });
    }
    // "#1001" → "1001": a "#" in an id would have to be escaped in every URL that names the order.
    if (name) fields.set('order_id', { ...name, value: orderName.replace(/^#/, '') });

    const status = fields.get('financial_status');
    if (status?.value.trim().toLowerCase() === 'voided')
      return {
        ok: false,
        rejected: {
          lineNumber,
          column: status.label,
          reason: `${status.label} is "voided": the order was cancelled before anything was paid`,
        },
      };
    const billing = fields.get('billing_name');
    if (billing && billing.value.trim()) {
      // "Jane van Dijk" → Jane / van Dijk: Shopify has one name field; the first word is the given name.
      const [first = '', ...rest] = billing.value.trim().split(/\s+/);
      fields.set('first_name', { value: first, label: billing.label });
      fields.set('last_name', { value: rest.join(' '), label: billing.label });
    }
    const marketing = fields.get('accepts_marketing');
    if (marketing) fields.set('consent_marketing', marketing);

    const result = toImportLine(fields, context);
    if (!result.ok || !state || state.refundCarried) return result;
    const refund = fields.get('refunded_amount');
    const text = refund?.value.trim() ?? '';
    if (!refund || text === '') return result;
    const amount = parseMoney(text, result.line.currency);
    if (!amount.ok)
      return {
        ok: false,
        rejected: { lineNumber, column: refund.label, reason: `${refund.label}: ${amount.reason}` },
      };
    state.refundCarried = true;
    if (amount.minor > 0) result.line.orderRefundedMinor = amount.minor;
    return result;
  }

  private stateOf(orderName: string, fields: LineFields): OrderState | undefined {
    if (orderName === '') return undefined;
    const known = this.orders.get(orderName);
    if (known) {
      // Most recently seen last, so the oldest is the one forgotten.
      this.orders.delete(orderName);
      this.orders.set(orderName, known);
      return known;
    }
    const values = new Map<ImportColumn, string>();
    for (const column of ORDER_LEVEL) {
      const value = fields.get(column)?.value.trim() ?? '';
      if (value !== '') values.set(column, value);
    }
    const state = { values, refundCarried: false };
    this.orders.set(orderName, state);
    if (this.orders.size > REMEMBERED_ORDERS) {
      const oldest = this.orders.keys().next().value;
      if (oldest !== undefined) this.orders.delete(oldest);
    }
    return state;
  }
}
