import { DomainError } from '../errors/domain-error';

/**
 * The shapes of an order-history import (docs/import.md): what a file is read into, line by line, before anything is
 * stored. Types and the one error only; the readers are read-import-lines.ts and read-products.ts.
 */

export type ImportFormat = 'canonical' | 'shopify' | 'ndjson';

/** A product's name and category by SKU, from a products file (read-products.ts). */
export type ProductCatalog = Map<string, { name?: string; category: string }>;

export interface ImportOptions {
  /** `auto` detects the format from the first line; the others force it. */
  format: ImportFormat | 'auto';
  /**
   * `--map 'Created at=ordered_at'`: file column (matched like every header: case, spaces, `_` and `-` ignored) →
   * the import's column name. Wins over the column the name or an alias would have given.
   */
  map?: Map<string, string>;
  /** ISO 4217; a line in any other currency is rejected. */
  storeCurrency: string;
  /** IANA; times written without an offset are wall-clock times here. */
  storeTimeZone: string;
  /** Categories (and missing names) by SKU, for lines without a category; Shopify exports need it. */
  products?: ProductCatalog;
  /**
   * The customer id for an e-mail address (already trimmed and lower-cased): the pipeline passes a keyed hash
   * (email-customer-id.ts) so the parser holds no key. Needed for Shopify exports; canonical lines use it when
   * customer_id is empty. Must return an id matching customerIdSchema.
   */
  customerIdForEmail?: (email: string) => string;
  /** "Now" for the more-than-a-day-in-the-future rule; the clock by default. */
  now?: Date;
  /** The longest physical line (and CSV row) read, in bytes; 1 MiB by default. */
  maxLineBytes?: number;
}

export interface ImportConsent {
  analytics?: boolean;
  personalization?: boolean;
  aiProcessing?: boolean;
  marketing?: boolean;
}

/** One order line, validated: money exact in minor units, time an instant, ids safe. */
export interface ImportLine {
  /** Physical line of the file where the row starts, 1-based; the header is line 1. */
  lineNumber: number;
  orderId: string;
  /** A valid customer id for this product (customerIdSchema): as given, or derived (docs/import.md). */
  customerId: string;
  /** ISO 8601 instant in UTC ("2024-03-05T19:22:10.000Z"). */
  orderedAt: string;
  sku: string;
  productName?: string;
  category: string;
  /** Never 0; negative for a returned item. */
  quantity: number;
  /** Integer minor units of `currency`; negative on a return line, 0 for a free item. */
  lineTotalMinor: number;
  /** Always the store's currency. */
  currency: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  city?: string;
  postcode?: string;
  country?: string;
  /** Only the purposes the file says something about; absent = not given. */
  consent?: ImportConsent;
  /**
   * Shopify's order-level Refunded Amount (minor units, > 0), carried once per order on its first accepted line;
   * the pipeline records it as a refund of the order.
   */
  orderRefundedMinor?: number;
}

export interface RejectedLine {
  lineNumber: number;
  /** The file's own name for the column (a JSON path for NDJSON), when one column is at fault. */
  column?: string;
  /** Sentences a shop manager understands, naming the column and the bad value; several joined by "; ". */
  reason: string;
  /** The row as written, cut to 200 characters. It may hold personal data: show it, do not log it. */
  raw?: string;
}

/** How the file was read: shown before its lines so the UI can say "read as a Shopify export, Created at → …". */
export interface ImportHeader {
  format: ImportFormat;
  /** Import column → the file's column it was read from ({} for NDJSON). */
  columns: Record<string, string>;
  /** The file's columns nothing reads. */
  ignoredColumns: string[];
  /** CSV only: `,`, `;` or a tab. */
  delimiter?: string;
}

export type ParsedItem =
  | { kind: 'header'; header: ImportHeader }
  | { kind: 'line'; line: ImportLine }
  | { kind: 'rejected'; rejected: RejectedLine };

/**
 * The file as a whole cannot be read (a broken header, an unreadable CSV structure): nothing after `lineNumber` was
 * read. Lines yielded before it stand. A DomainError ('invalid'), so the API answers 400 with the message.
 */
export class ImportFileError extends DomainError {
  override name = 'ImportFileError';
  constructor(
    message: string,
    /** The physical line the problem is on, when it is on one. */
    readonly lineNumber?: number,
  ) {
    super('invalid', message);
  }
}

/** 1 MiB: far above any real order row, small enough that one bad line cannot exhaust memory. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** What a rejected line keeps of the row as written. */
export const RAW_KEPT_CHARS = 200;

export const truncateRaw = (raw: string) =>
  raw.length > RAW_KEPT_CHARS ? `${raw.slice(0, RAW_KEPT_CHARS)}…` : raw;
