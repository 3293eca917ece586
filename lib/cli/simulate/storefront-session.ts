import type { Prng } from '../../math/prng';
import { minorToDecimal } from '../../money/currency';

/**
 * One simulated storefront visit, as a shopper makes it: a landing page, a few product views in the categories they
 * like (now and then a search or a category page), items added to the cart (sometimes one taken out again), and
 * often a checkout that usually ends in an order. Times are offsets from the start, with human gaps between steps.
 * Prices and carts are in `currency`, the store's (the catalogue's minor units are taken as its). Pure: the same
 * generator state gives the same visit.
 */
export interface SimProduct {
  productId: string;
  categoryId: string;
  name: string;
  priceMinor: number;
}

export interface SimEvent {
  type:
    | 'page_view'
    | 'product_view'
    | 'search'
    | 'add_to_cart'
    | 'remove_from_cart'
    | 'checkout_started'
    | 'session_end';
  customerId: string;
  sessionId: string;
  properties: Record<string, unknown>;
}

export interface SimOrder {
  customerId: string;
  currency: string;
  items: { productId: string; categoryId: string; quantity: number; unitPrice: string }[];
}

export type SimStep = { atMs: number } & (
  { kind: 'event'; event: SimEvent } | { kind: 'order'; order: SimOrder }
);

export interface SessionOptions {
  /** Mean seconds between two steps of a visit. */
  meanGapSeconds: number;
  /** Chance that a viewed product goes into the cart. */
  addToCart: number;
  /** Chance that a visit with a cart starts checkout, and that a checkout ends in an order. */
  checkout: number;
  purchase: number;
}

const SESSION_DEFAULTS: SessionOptions = {
  meanGapSeconds: 20,
  addToCart: 0.35,
  checkout: 0.6,
  purchase: 0.8,
};

const slug = (categoryId: string) => categoryId.replace(/^cat_/, '');

export function simulateSession(
  rng: Prng,
  customerId: string,
  sessionId: string,
  products: readonly SimProduct[],
  currency: string,
  options: SessionOptions = SESSION_DEFAULTS,
): SimStep[] {
  const steps: SimStep[] = [];
  let at = 0;
  const event = (type: SimEvent['type'], properties: Record<string, unknown>) => {
    steps.push({ atMs: Math.round(at), kind: 'event', event: { type, customerId, sessionId, properties } });
    at += rng.exponential(1 / options.meanGapSeconds) * 1000;
  };
  const categories = [...new Set(products.map((p) => p.categoryId))];
  // Two or three favourite categories per visit.
  const liked = Array.from(
    { length: 2 + rng.int(0, 1) },
    () => categories[rng.int(0, categories.length - 1)]!,
  );
  const pick = () => {
    const category = liked[rng.int(0, liked.length - 1)]!;
    const inCategory = products.filter((p) => p.categoryId === category);
    return inCategory[rng.int(0, inCategory.length - 1)]!;
  };

  event('page_view', { path: '/', title: 'Home' });
  const cart = new Map<string, { product: SimProduct; quantity: number }>();
  const cartValue = () => [...cart.values()].reduce((s, l) => s + l.product.priceMinor * l.quantity, 0);
  const views = 2 + Math.min(12, Math.floor(rng.exponential(1 / 4)));
  for (let i = 0; i < views; i++) {
    const product = pick();
    const roll = rng.uniform();
    if (roll < 0.15)
      event('search', { query: slug(product.categoryId).replace(/-/g, ' '), resultCount: rng.int(3, 40) });
    else if (roll < 0.3)
      event('page_view', { path: `/c/${slug(product.categoryId)}`, title: slug(product.categoryId) });
    event('product_view', {
      productId: product.productId,
      categoryId: product.categoryId,
      priceMinor: product.priceMinor,
      currency,
    });
    if (rng.bernoulli(options.addToCart)) {
      const quantity = rng.int(1, 3);
      const line = cart.get(product.productId) ?? { product, quantity: 0 };
      line.quantity += quantity;
      cart.set(product.productId, line);
      event('add_to_cart', {
        productId: product.productId,
        quantity,
        unitPriceMinor: product.priceMinor,
        currency,
        cartValueMinor: cartValue(),
      });
      if (rng.bernoulli(0.1)) {
        cart.delete(product.productId);
        event('remove_from_cart', {
          productId: product.productId,
          quantity: line.quantity,
          unitPriceMinor: product.priceMinor,
          currency,
          cartValueMinor: cartValue(),
        });
      }
    }
  }
  if (cart.size && rng.bernoulli(options.checkout)) {
    const itemCount = [...cart.values()].reduce((s, l) => s + l.quantity, 0);
    event('checkout_started', { cartValueMinor: cartValue(), currency, itemCount });
    if (rng.bernoulli(options.purchase)) {
      steps.push({
        atMs: Math.round(at),
        kind: 'order',
        order: {
          customerId,
          currency,
          items: [...cart.values()].map((l) => ({
            productId: l.product.productId,
            categoryId: l.product.categoryId,
            quantity: l.quantity,
            unitPrice: minorToDecimal(l.product.priceMinor, currency),
          })),
        },
      });
      at += rng.exponential(1 / options.meanGapSeconds) * 1000;
    }
  }
  const eventCount = steps.filter((s) => s.kind === 'event').length + 1;
  event('session_end', { durationSeconds: Math.round(at / 1000), eventCount, reason: 'explicit' });
  return steps;
}
