import { isCurrency } from '../money/currency';
import type { Order } from '../orders/order';
import { netMinor } from '../orders/order';
import type { ImportSummary } from './import-record';
import type { RejectedLine } from './import-types';
import type { RejectsFile } from './rejects-file';

/**
 * A rejection's kind, for the summary's line per reason: the reason without its particulars (values in quotes,
 * currency codes, numbers, ids after "order"/"customer"), and only the first when several are joined by "; ".
 */
export function reasonKind(reason: string): string {
  return (reason.split('; ')[0] ?? reason)
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\b(order|customer|line|lines) [A-Za-z0-9_.:#-]+/g, '$1 …')
    .replace(/\b[A-Z]{3}\b/g, (code) => (isCurrency(code) ? '…' : code))
    .replace(/(?<!ISO )\b\d+(?:[.,]\d+)?/g, 'N')
    .trim();
}

const add = (record: Record<string, number>, key: string, amount: number) => {
  record[key] = (record[key] ?? 0) + amount;
};

/** What an import counts as it goes: every line is imported or rejected, and the summary says which. */
export class ImportTally {
  lines = 0;
  linesImported = 0;
  readonly rejectedByReason: Record<string, number> = Object.create(null) as Record<string, number>;
  /** Per reason kind, the first line (lowest number) rejected for it: what the summary points a person to. */
  readonly firstRejectedLine: Record<string, number> = Object.create(null) as Record<string, number>;
  orders = 0;
  ordersUnchanged = 0;
  ordersWithReturns = 0;
  freeReturnLines = 0;
  customers = 0;
  customersNew = 0;
  products = 0;
  productsNew = 0;
  consentEntries = 0;
  readonly salesByCurrency: Record<string, number> = {};
  readonly refundsByCurrency: Record<string, number> = {};
  readonly netByCurrency: Record<string, number> = {};
  firstOrderAt?: string;
  lastOrderAt?: string;

  constructor(readonly rejects: RejectsFile) {}

  get linesRejected(): number {
    return this.rejects.count;
  }

  reject(rejected: RejectedLine, kind = reasonKind(rejected.reason)): void {
    this.rejects.add(rejected);
    add(this.rejectedByReason, kind, 1);
    const first = this.firstRejectedLine[kind];
    if (first === undefined || rejected.lineNumber < first)
      this.firstRejectedLine[kind] = rejected.lineNumber;
  }

  order(order: Order, lines: number, unchanged: boolean): void {
    this.orders++;
    this.linesImported += lines;
    if (unchanged) this.ordersUnchanged++;
    if (order.refunds?.length) this.ordersWithReturns++;
    add(this.salesByCurrency, order.currency, order.totalMinor);
    add(this.refundsByCurrency, order.currency, order.refundedMinor ?? 0);
    add(this.netByCurrency, order.currency, netMinor(order));
    if (!this.firstOrderAt || order.placedAt < this.firstOrderAt) this.firstOrderAt = order.placedAt;
    if (!this.lastOrderAt || order.placedAt > this.lastOrderAt) this.lastOrderAt = order.placedAt;
  }

  summary(seconds: number): ImportSummary {
    return {
      lines: this.lines,
      linesImported: this.linesImported,
      linesRejected: this.linesRejected,
      rejectedByReason: { ...this.rejectedByReason },
      firstRejectedLine: { ...this.firstRejectedLine },
      orders: this.orders,
      ordersUnchanged: this.ordersUnchanged,
      ordersWithReturns: this.ordersWithReturns,
      freeReturnLines: this.freeReturnLines,
      customers: this.customers,
      customersNew: this.customersNew,
      products: this.products,
      productsNew: this.productsNew,
      consentEntries: this.consentEntries,
      salesByCurrency: { ...this.salesByCurrency },
      refundsByCurrency: { ...this.refundsByCurrency },
      netByCurrency: { ...this.netByCurrency },
      firstOrderAt: this.firstOrderAt,
      lastOrderAt: this.lastOrderAt,
      seconds,
    };
  }
}
