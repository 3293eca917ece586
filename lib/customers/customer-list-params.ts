import type { CustomerSort } from '@/lib/customers/list-customers';
import { isSegmentName, type SegmentName } from '@/lib/analysis/segments/segments';

/**
 * The customer list's view (search, segment, sort) as it lives in the page URL. Pure, and without 'use client', so
 * the server page and the client component read the URL the same way and their query keys match.
 */
export interface CustomerListFilter {
  /** Trimmed search text; '' for none. */
  q: string;
  /** '' for all segments. */
  segment: SegmentName | '';
  sort: CustomerSort;
  order: 'asc' | 'desc';
}

export const CUSTOMERS_PAGE_SIZE = 25;
/** Orders per page on a customer's page. Here (not in the 'use client' hook) so the server page can read it. */
export const CUSTOMER_ORDERS_PAGE_SIZE = 50;
/** The API refuses longer searches (400), so a longer one in the URL is cut rather than sent. */
const MAX_QUERY_LENGTH = 100;

export const DEFAULT_FILTER: CustomerListFilter = { q: '', segment: '', sort: 'lastOrderAt', order: 'desc' };

type SearchParamsRecord = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function normaliseQuery(text: string): string {
  return text.trim().slice(0, MAX_QUERY_LENGTH).trim();
}

// The service's list, restated: importing it would pull the storage layer into the browser bundle. The record
// makes the compiler complain when the service gains or loses a sort.
const SORTS: Record<CustomerSort, true> = {
  lastOrderAt: true,
  totalSpent: true,
  orderCount: true,
  createdAt: true,
};

function isSort(value: unknown): value is CustomerSort {
  return typeof value === 'string' && Object.hasOwn(SORTS, value);
}

/** Reads the page URL; anything unknown or malformed falls back to the default instead of failing the page. */
export function parseCustomerListFilter(params: SearchParamsRecord): CustomerListFilter {
  const segment = first(params.segment);
  const sort = first(params.sort);
  const order = first(params.order);
  return {
    q: normaliseQuery(first(params.q) ?? ''),
    segment: isSegmentName(segment) ? segment : '',
    sort: isSort(sort) ? sort : DEFAULT_FILTER.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_FILTER.order,
  };
}

/** The page URL's query for a view, defaults left out so the plain list stays at `/customers`. */
export function toCustomerListSearch(filter: CustomerListFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.segment) params.set('segment', filter.segment);
  if (filter.sort !== DEFAULT_FILTER.sort) params.set('sort', filter.sort);
  if (filter.order !== DEFAULT_FILTER.order) params.set('order', filter.order);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The API address for one page of a view. Only the parameters the API knows: an unknown one is a 400. */
export function customersApiPath(filter: CustomerListFilter, cursor?: string): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.segment) params.set('segment', filter.segment);
  params.set('sort', filter.sort);
  params.set('order', filter.order);
  params.set('limit', String(CUSTOMERS_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/customers?${params.toString()}`;
}

/** Clicking a column header: the same column flips direction; another column starts with the largest/newest first. */
export function nextSort(filter: CustomerListFilter, column: CustomerSort): CustomerListFilter {
  if (filter.sort === column) return { ...filter, order: filter.order === 'asc' ? 'desc' : 'asc' };
  return { ...filter, sort: column, order: 'desc' };
}

export function ariaSort(
  filter: CustomerListFilter,
  column: CustomerSort,
): 'ascending' | 'descending' | 'none' {
  if (filter.sort !== column) return 'none';
  return filter.order === 'asc' ? 'ascending' : 'descending';
}

export function sameFilter(a: CustomerListFilter, b: CustomerListFilter): boolean {
  return a.q === b.q && a.segment === b.segment && a.sort === b.sort && a.order === b.order;
}

/** The sentence of the empty state, naming what was asked so the reader sees why nothing came back. */
export function noMatchMessage(filter: CustomerListFilter, masked: boolean): string {
  const parts: string[] = [];
  if (filter.q) parts.push(`“${filter.q}”`);
  if (filter.segment) parts.push(`in segment ${filter.segment}`);
  if (parts.length === 0) return 'No customers yet.';
  const hint = filter.q && masked ? ' Your role searches customer ids only (e.g. cus_000042).' : '';
  return `No customers match ${parts.join(' ')}.${hint}`;
}
