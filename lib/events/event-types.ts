/** Every event type on the stream, in the order of ARCHITECTURE.md. */
export const EVENT_TYPES = [
  'page_view',
  'product_view',
  'search',
  'add_to_cart',
  'remove_from_cart',
  'checkout_started',
  'purchase',
  'order_refunded',
  'recommendation_shown',
  'recommendation_clicked',
  'session_end',
  'segment_updated',
  'consent_updated',
  'customer_erased',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The systems that write to the stream. */
export const SOURCES = ['storefront', 'orders', 'segmentation', 'privacy', 'sessions'] as const;
export type EventSource = (typeof SOURCES)[number];

/**
 * Which source may emit which type. A purchase (or a refund) is only a fact once the orders service has stored
 * it, so the storefront cannot claim one; segments and erasures are decided server-side. Consent is recorded by the
 * privacy service, and the storefront may also report a choice the shopper made in its cookie banner.
 */
export const EVENT_SOURCES: Record<EventType, readonly EventSource[]> = {
  page_view: ['storefront'],
  product_view: ['storefront'],
  search: ['storefront'],
  add_to_cart: ['storefront'],
  remove_from_cart: ['storefront'],
  checkout_started: ['storefront'],
  purchase: ['orders'],
  order_refunded: ['orders'],
  recommendation_shown: ['storefront'],
  recommendation_clicked: ['storefront'],
  // The storefront ends a session explicitly; the worker ends one after 30 minutes of inactivity.
  session_end: ['storefront', 'sessions'],
  segment_updated: ['segmentation'],
  consent_updated: ['privacy', 'storefront'],
  customer_erased: ['privacy'],
};

export function isSourceAllowed(type: EventType, source: EventSource): boolean {
  return EVENT_SOURCES[type].includes(source);
}

/** The types a source may emit, for docs and for a producer's own checks. */
export function typesFromSource(source: EventSource): EventType[] {
  return EVENT_TYPES.filter((type) => isSourceAllowed(type, source));
}

/** One sentence for a rejected source, naming who may send the type instead. */
export function sourceErrorMessage(type: EventType, source: unknown): string {
  const allowed = EVENT_SOURCES[type].join(' or ');
  if (typeof source !== 'string' || !(SOURCES as readonly string[]).includes(source)) {
    return `source must be one of ${SOURCES.join(', ')} (${type} comes from ${allowed})`;
  }
  return `source "${source}" may not emit ${type} events; ${type} comes from ${allowed}`;
}
