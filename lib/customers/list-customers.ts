import { z } from 'zod';
import { getConfig } from '../config';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { toCustomerView, type CustomerItem, type CustomerView } from './customer';
import { customerSnapshot } from './customer-snapshot';
import { customerIdFromSource } from './source-customer-id';

export const CUSTOMER_SORTS = ['lastOrderAt', 'totalSpent', 'orderCount', 'createdAt'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface ListCustomersInput {
  q?: string;
  segment?: string;
  sort: CustomerSort;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
  /** Whether the reader may see personal data: only then does the search look into names and emails. */
  withPii: boolean;
}

export interface CustomerPage {
  /** The store's currency (ISO 4217) and time zone (IANA), which every row's amounts and days are in. */
  currency: string;
  timeZone: string;
  customers: CustomerView[];
  total: number;
  nextCursor: string | null;
}

// Keyset paging: the cursor holds the last row's sort value and id, and the next page starts after that position,
// so customers added or removed meanwhile do not shift rows between pages (an offset would).
const cursorSchema = z.object({
  after: z.tuple([z.union([z.string(), z.number()]), z.string()]),
  key: z.string(),
});

const sortValue: Record<CustomerSort, (c: CustomerItem) => string | number> = {
  lastOrderAt: (c) => c.lastOrderAt ?? '',
  totalSpent: (c) => c.totalSpentMinor,
  orderCount: (c) => c.orderCount,
  createdAt: (c) => c.createdAt,
};

function matches(c: CustomerItem, q: string, withPii: boolean, sourceId: string | undefined): boolean {
  if (c.customerId.toLowerCase().includes(q) || c.customerId === sourceId) return true;
  // Readers without PII rights search by id only: matching on hidden names would reveal them one query at a time.
  return withPii && `${c.firstName} ${c.lastName} ${c.email}`.toLowerCase().includes(q);
}

/** Customers filtered by search and segment, sorted (ties by id), a page at a time. */
export async function listCustomers(input: ListCustomersInput): Promise<CustomerPage> {
  const q = input.q?.trim().toLowerCase();
  // A shop's own id that an import turned into `cid_…` (it held `.`, `:` or `#`) finds its customer, as given.
  const given = input.q?.trim() ?? '';
  const sourceId =
    /[.:#]/.test(given) && /^[A-Za-z0-9_.:#-]{1,64}$/.test(given) ? customerIdFromSource(given) : undefined;
  const key = JSON.stringify([q ?? '', input.segment ?? '', input.sort, input.order]);
  const cursor = input.cursor ? decodeCursor(input.cursor, cursorSchema) : undefined;
  if (cursor && cursor.key !== key) decodeCursor('', cursorSchema); // a cursor from another search is refused
  const value = sortValue[input.sort];
  const direction = input.order === 'asc' ? 1 : -1;
  const compare = (va: string | number, ida: string, vb: string | number, idb: string) =>
    (va < vb ? -1 : va > vb ? 1 : ida.localeCompare(idb)) * direction;
  const rows = (await customerSnapshot())
    .filter(
      (c) =>
        (!input.segment || c.segment === input.segment) && (!q || matches(c, q, input.withPii, sourceId)),
    )
    .sort((a, b) => compare(value(a), a.customerId, value(b), b.customerId));
  const after = cursor?.after;
  const from = after ? rows.findIndex((c) => compare(value(c), c.customerId, after[0], after[1]) > 0) : 0;
  const page = from < 0 ? [] : rows.slice(from, from + input.limit);
  const last = page.at(-1);
  const more = from >= 0 && from + input.limit < rows.length;
  const { STORE_CURRENCY: currency, STORE_TIMEZONE: timeZone } = getConfig();
  return {
    currency,
    timeZone,
    customers: page.map((c) => toCustomerView(c, input.withPii, { currency, timeZone })),
    total: rows.length,
    nextCursor: more && last ? encodeCursor({ after: [value(last), last.customerId], key }) : null,
  };
}
