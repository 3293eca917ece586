import { EVENT_TYPES, type EventType } from '@/lib/events/event-types';
import { isSegmentName, type SegmentName } from '@/lib/analysis/segments/segments';

/**
 * The Live feed's filters as they live in the page URL (`?types=add_to_cart,purchase&segment=Champions&customer=…`)
 * and go to the feed's SSE address under the same names. Pure and without 'use client', so the server page and the
 * client read the URL the same way.
 */
export interface LiveFilter {
  /** In the order of EVENT_TYPES; empty for every type. */
  types: EventType[];
  /** '' for every segment. */
  segment: SegmentName | '';
  /** '' for every customer. */
  customer: string;
}

export const NO_FILTER: LiveFilter = { types: [], segment: '', customer: '' };

/** What the feed accepts as a customer id (the API's own rule, restated so the browser bundle stays small). */
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

type SearchParamsRecord = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Known types in the canonical order, each once; every type named is the same as none. */
export function normaliseTypes(types: readonly string[]): EventType[] {
  const wanted = new Set(types.map((t) => t.trim()));
  const known = EVENT_TYPES.filter((t) => wanted.has(t));
  return known.length === EVENT_TYPES.length ? [] : known;
}

/** Reads the page URL; anything unknown or malformed is dropped rather than failing the page (or the feed: 400). */
export function parseLiveFilter(params: SearchParamsRecord | URLSearchParams): LiveFilter {
  const get = (name: string) =>
    params instanceof URLSearchParams ? (params.get(name) ?? undefined) : first(params[name]);
  const segment = get('segment');
  const customer = get('customer')?.trim() ?? '';
  return {
    types: normaliseTypes((get('types') ?? '').split(',')),
    segment: isSegmentName(segment) ? segment : '',
    customer: CUSTOMER_ID_PATTERN.test(customer) ? customer : '',
  };
}

function toParams(filter: LiveFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.types.length) params.set('types', filter.types.join(','));
  if (filter.segment) params.set('segment', filter.segment);
  if (filter.customer) params.set('customer', filter.customer);
  return params;
}

/** The page's search string for a filter: '' without filters, else '?…'. */
export function toLiveSearch(filter: LiveFilter): string {
  const search = toParams(filter).toString();
  return search ? `?${search}` : '';
}

/** The SSE address of the feed for a filter. */
export function feedUrl(filter: LiveFilter): string {
  return `/api/v1/stream/feed${toLiveSearch(filter)}`;
}

/** A segment or customer filter narrows the feed to some shoppers; the per-minute metrics still count everyone. */
export const narrowsAudience = (filter: LiveFilter) => filter.segment !== '' || filter.customer !== '';

export const sameFilter = (a: LiveFilter, b: LiveFilter) => feedUrl(a) === feedUrl(b);

/** "all event types", "add_to_cart", "3 event types". */
export function typesLabel(types: readonly EventType[]): string {
  if (types.length === 0) return 'all event types';
  return types.length === 1 ? types[0]! : `${types.length} event types`;
}
