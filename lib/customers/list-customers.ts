import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { toCustomerView, type CustomerItem, type CustomerView } from './customer';
import { customerSnapshot } from './customer-snapshot';

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
  customers: CustomerView[];
  total: number;
  nextCursor: string | null;
}

const cursorSchema = z.object({ offset: z.number().int().nonnegative(), key: z.string() });

const sortValue: Record<CustomerSort, (c: CustomerItem) => string | number> = {
  lastOrderAt: (c) => c.lastOrderAt ?? '',
  totalSpent: (c) => c.totalSpentMinor,
  orderCount: (c) => c.orderCount,
  createdAt: (c) => c.createdAt,
};

function matches(c: CustomerItem, q: string, withPii: boolean): boolean {
  if (c.customerId.toLowerCase().includes(q)) return true;
  // Readers without PII rights search by id only: matching on hidden names would reveal them one query at a time.
  return withPii && `${c.firstName} ${c.lastName} ${c.email}`.toLowerCase().includes(q);
}

/** Customers filtered by search and segment, sorted (ties by id), a page at a time. */
export async function listCustomers(input: ListCustomersInput): Promise<CustomerPage> {
  const q = input.q?.trim().toLowerCase();
  const key = JSON.stringify([q ?? '', input.segment ?? '', input.sort, input.order]);
  const start = input.cursor ? decodeCursor(input.cursor, cursorSchema) : { offset: 0, key };
  if (start.key !== key) decodeCursor('', cursorSchema); // a cursor from another search is refused
  const value = sortValue[input.sort];
  const direction = input.order === 'asc' ? 1 : -1;
  const rows = (await customerSnapshot())
    .filter((c) => (!input.segment || c.segment === input.segment) && (!q || matches(c, q, input.withPii)))
    .sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      return (va < vb ? -1 : va > vb ? 1 : a.customerId.localeCompare(b.customerId)) * direction;
    });
  const page = rows.slice(start.offset, start.offset + input.limit);
  const next = start.offset + input.limit;
  return {
    customers: page.map((c) => toCustomerView(c, input.withPii)),
    total: rows.length,
    nextCursor: next < rows.length ? encodeCursor({ offset: next, key }) : null,
  };
}
