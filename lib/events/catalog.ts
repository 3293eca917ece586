import type { z } from 'zod';
import type { EventType } from './event-types';
import {
  ADD_TO_CART_VERSION,
  addToCartProperties,
  CHECKOUT_STARTED_VERSION,
  checkoutStartedProperties,
  REMOVE_FROM_CART_VERSION,
  removeFromCartProperties,
} from './types/cart';
import {
  PAGE_VIEW_VERSION,
  pageViewProperties,
  PRODUCT_VIEW_VERSION,
  productViewProperties,
  SEARCH_VERSION,
  searchProperties,
  SESSION_END_VERSION,
  sessionEndProperties,
} from './types/browsing';
import {
  CONSENT_UPDATED_VERSION,
  consentUpdatedProperties,
  CUSTOMER_ERASED_VERSION,
  customerErasedProperties,
} from './types/privacy';
import { ORDER_REFUNDED_VERSION, orderRefundedProperties } from './types/order-refunded';
import { PURCHASE_VERSION, purchaseProperties } from './types/purchase';
import {
  RECOMMENDATION_CLICKED_VERSION,
  RECOMMENDATION_SHOWN_VERSION,
  recommendationClickedProperties,
  recommendationShownProperties,
} from './types/recommendations';
import { SEGMENT_UPDATED_VERSION, segmentUpdatedProperties } from './types/segment-updated';

export interface CatalogEntry {
  schemaVersion: number;
  properties: z.ZodType;
  /** One line for docs/events.md: what happened, in the words of the person who reads the dashboard. */
  meaning: string;
}

/**
 * Every event type with its properties schema, version and meaning. `satisfies` makes a type missing here a
 * compile error, so the union, the docs and the contract snapshot cannot forget one.
 */
export const EVENT_CATALOG = {
  page_view: {
    schemaVersion: PAGE_VIEW_VERSION,
    properties: pageViewProperties,
    meaning: 'The shopper opened a storefront page.',
  },
  product_view: {
    schemaVersion: PRODUCT_VIEW_VERSION,
    properties: productViewProperties,
    meaning: 'The shopper looked at a product detail page.',
  },
  search: {
    schemaVersion: SEARCH_VERSION,
    properties: searchProperties,
    meaning: 'The shopper searched the assortment.',
  },
  add_to_cart: {
    schemaVersion: ADD_TO_CART_VERSION,
    properties: addToCartProperties,
    meaning: 'The shopper put units of a product into the cart.',
  },
  remove_from_cart: {
    schemaVersion: REMOVE_FROM_CART_VERSION,
    properties: removeFromCartProperties,
    meaning: 'The shopper took units of a product out of the cart.',
  },
  checkout_started: {
    schemaVersion: CHECKOUT_STARTED_VERSION,
    properties: checkoutStartedProperties,
    meaning: 'The shopper began checkout; without a purchase after it, the cart was abandoned.',
  },
  purchase: {
    schemaVersion: PURCHASE_VERSION,
    properties: purchaseProperties,
    meaning: 'An order was stored by the orders service (sent through its outbox, once per order).',
  },
  order_refunded: {
    schemaVersion: ORDER_REFUNDED_VERSION,
    properties: orderRefundedProperties,
    meaning:
      "Money was given back on an order: its net value (revenue, the customer's spend) drops by amountMinor; the order still counts as one (sent through the orders outbox, once per refund).",
  },
  recommendation_shown: {
    schemaVersion: RECOMMENDATION_SHOWN_VERSION,
    properties: recommendationShownProperties,
    meaning: 'The storefront showed a list of recommended products.',
  },
  recommendation_clicked: {
    schemaVersion: RECOMMENDATION_CLICKED_VERSION,
    properties: recommendationClickedProperties,
    meaning: 'The shopper clicked one product of a shown recommendation.',
  },
  session_end: {
    schemaVersion: SESSION_END_VERSION,
    properties: sessionEndProperties,
    meaning: 'A storefront session ended, by inactivity or explicitly.',
  },
  segment_updated: {
    schemaVersion: SEGMENT_UPDATED_VERSION,
    properties: segmentUpdatedProperties,
    meaning: "Segmentation re-scored the customer's RFM and their segment or scores changed.",
  },
  consent_updated: {
    schemaVersion: CONSENT_UPDATED_VERSION,
    properties: consentUpdatedProperties,
    meaning: 'The customer gave or withdrew consent for one or more purposes.',
  },
  customer_erased: {
    schemaVersion: CUSTOMER_ERASED_VERSION,
    properties: customerErasedProperties,
    meaning: "The customer's data was erased; every consumer deletes what it holds for them.",
  },
} as const satisfies Record<EventType, CatalogEntry>;
