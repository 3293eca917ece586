import { buildCatalog, type Category, type Product } from './catalog';
import type { Prng } from '../math/prng';
import type { SeedOrderItem } from './types';

const CATALOG = buildCatalog();
const PRODUCTS_BY_CATEGORY = new Map<string, readonly Product[]>(
  CATALOG.categories.map((c) => [
    c.categoryId,
    CATALOG.products.filter((p) => p.categoryId === c.categoryId),
  ]),
);
const PENETRATION = CATALOG.categories.map((c) => c.penetration);

/** Spread of one customer's cycle around the category's typical rhythm (sd of log cycle). */
const PERSONAL_CYCLE_SIGMA = 0.25;
/** Chance per trip of one product from a category the customer does not buy regularly. */
const IMPULSE_PROBABILITY = 0.2;
/** Chance a chosen product comes from the customer's favourites rather than the whole shelf. */
const FAVOURITE_LOYALTY = 0.8;
/** Extra units beyond the first, per product line, for an average spender; keeps quantities mostly 1–3. */
const EXTRA_UNITS_MEAN = 0.3;
const MAX_QUANTITY = 6;
/** Share of lines bought on promotion, and the discounts a shelf label would show. */
const PROMO_PROBABILITY = 0.06;
const PROMO_PERCENTS: readonly number[] = [10, 15, 20, 25, 30];

interface RegularCategory {
  category: Category;
  cycleDays: number;
  favourites: readonly Product[];
  /** Time (days since the epoch) from which the category is due again. */
  nextDueDay: number;
}

export interface BasketPlanner {
  /** The customer's own cycle in days per regular category id (part of the ground truth). */
  readonly categoryCycleDays: Record<string, number>;
  /** The basket of a trip at `day` (days since the epoch). Call with increasing days; never empty. */
  basketAt(day: number): SeedOrderItem[];
}

function productsOf(category: Category): readonly Product[] {
  const products = PRODUCTS_BY_CATEGORY.get(category.categoryId);
  if (!products || products.length === 0) throw new Error(`no products in ${category.categoryId}`);
  return products;
}

// Gap noise is lognormal with mean 1 so the category's CV holds without shifting the customer's own cycle.
function gapNoise(rng: Prng, cv: number): number {
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  return rng.lognormal(-(sigma * sigma) / 2, sigma);
}

/**
 * One customer's shopping habits: 4–10 regular categories, each with a personal cycle, bought when due;
 * plus the odd impulse item. `firstDay` is the day of the first trip.
 */
export function createBasketPlanner(rng: Prng, spendMultiplier: number, firstDay: number): BasketPlanner {
  const chosen = rng.weightedSample(CATALOG.categories, PENETRATION, rng.int(4, 10));
  // Keep catalogue order so the basket lists categories the same way for every customer.
  chosen.sort((x, y) => CATALOG.categories.indexOf(x) - CATALOG.categories.indexOf(y));

  const categoryCycleDays: Record<string, number> = {};
  const regulars: RegularCategory[] = chosen.map((category) => {
    // Rounded to 0.1 day before use, so the recorded truth is exactly the cycle the simulation ran with.
    const cycleDays = Math.round(category.cycleDays * rng.lognormal(0, PERSONAL_CYCLE_SIGMA) * 10) / 10;
    categoryCycleDays[category.categoryId] = cycleDays;
    const shelf = productsOf(category);
    const favourites = rng.weightedSample(
      shelf,
      shelf.map(() => 1),
      rng.int(1, 3),
    );
    // A random phase: the customer did not start life with an empty fridge, so only some categories are due
    // on the first trip.
    const nextDueDay = firstDay + cycleDays * (gapNoise(rng, category.cycleCv) - rng.uniform());
    return { category, cycleDays, favourites, nextDueDay };
  });
  const occasional = CATALOG.categories.filter((c) => !chosen.includes(c));
  const occasionalWeights = occasional.map((c) => c.penetration);

  function quantity(): number {
    return Math.min(MAX_QUANTITY, 1 + rng.poisson(EXTRA_UNITS_MEAN * spendMultiplier));
  }

  function line(product: Product): SeedOrderItem {
    let unitPriceMinor = product.priceMinor;
    if (rng.bernoulli(PROMO_PROBABILITY)) {
      unitPriceMinor -= Math.round((product.priceMinor * rng.pick(PROMO_PERCENTS)) / 100);
    }
    return {
      productId: product.productId,
      categoryId: product.categoryId,
      quantity: quantity(),
      unitPriceMinor,
    };
  }

  function buyRegular(regular: RegularCategory, day: number, items: SeedOrderItem[]): void {
    const shelf = productsOf(regular.category);
    const wanted = Math.min(shelf.length, 1 + rng.poisson((regular.category.breadth - 1) * spendMultiplier));
    const taken = new Set<string>();
    // Bounded attempts: a customer with one favourite and a wide shelf may repeat picks before finding a new one.
    for (let attempt = 0; taken.size < wanted && attempt < wanted * 4; attempt++) {
      const product = rng.bernoulli(FAVOURITE_LOYALTY) ? rng.pick(regular.favourites) : rng.pick(shelf);
      if (taken.has(product.productId)) continue;
      taken.add(product.productId);
      items.push(line(product));
    }
    regular.nextDueDay = day + regular.cycleDays * gapNoise(rng, regular.category.cycleCv);
  }

  function basketAt(day: number): SeedOrderItem[] {
    const items: SeedOrderItem[] = [];
    for (const regular of regulars) {
      if (day >= regular.nextDueDay) buyRegular(regular, day, items);
    }
    if (occasional.length > 0 && rng.bernoulli(IMPULSE_PROBABILITY)) {
      const category = rng.weightedPick(occasional, occasionalWeights);
      items.push(line(rng.pick(productsOf(category))));
    }
    if (items.length === 0) {
      // Nobody drives to the shop to buy nothing: take the regular category that is closest to due.
      let soonest = regulars[0];
      for (const regular of regulars)
        if (soonest && regular.nextDueDay < soonest.nextDueDay) soonest = regular;
      if (!soonest) throw new Error('a customer needs at least one regular category');
      buyRegular(soonest, day, items);
    }
    return items;
  }

  return { categoryCycleDays, basketAt };
}
