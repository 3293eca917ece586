import { describe, expect, it } from 'vitest';
import { buildCatalog, CATEGORIES } from '@/lib/seed/catalog';
import {
  type CustomerHistory,
  generateCustomerHistories,
  generateCustomerHistory,
  POPULATION,
  populationTruth,
  type SeedOptions,
} from '@/lib/seed/generate';
import { createPrng, derivePrng } from '@/lib/math/prng';

const END = new Date('2026-11-24T00:00:00.000Z');
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

function all(opts: SeedOptions): CustomerHistory[] {
  return [...generateCustomerHistories(opts)];
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

describe('prng', () => {
  it('replays the same stream for the same seed and a different one for another seed or label', () => {
    const draw = (rng: ReturnType<typeof createPrng>) => Array.from({ length: 5 }, () => rng.uniform());
    expect(draw(createPrng('pulse'))).toEqual(draw(createPrng('pulse')));
    expect(draw(createPrng('pulse'))).not.toEqual(draw(createPrng('pulse2')));
    expect(draw(derivePrng('pulse', 'customer', 1))).not.toEqual(draw(derivePrng('pulse', 'customer', 2)));
  });

  it('draws gamma, beta, exponential and poisson with the textbook means', () => {
    const rng = createPrng('distributions');
    const n = 20_000;
    const sample = (draw: () => number) => mean(Array.from({ length: n }, draw));
    // Tolerances are about 4 standard errors (sd / √n) for n = 20,000.
    expect(sample(() => rng.gamma(2.5, 2))).toBeCloseTo(5, 0); // sd 3.16 → SE 0.022
    expect(Math.abs(sample(() => rng.gamma(0.6, 1)) - 0.6)).toBeLessThan(0.025); // shape < 1 path; SE 0.0055
    expect(Math.abs(sample(() => rng.gamma(1.8, 1 / 4)) - 0.45)).toBeLessThan(0.015); // SE 0.0024
    expect(Math.abs(sample(() => rng.beta(0.6, 6)) - 0.6 / 6.6)).toBeLessThan(0.004); // SE 0.0007
    expect(Math.abs(sample(() => rng.beta(2, 2)) - 0.5)).toBeLessThan(0.007); // SE 0.0016
    expect(Math.abs(sample(() => rng.exponential(4)) - 0.25)).toBeLessThan(0.008); // SE 0.0018
    expect(Math.abs(sample(() => rng.poisson(3)) - 3)).toBeLessThan(0.05); // SE 0.012
  });
});

describe('catalog', () => {
  it('has 15 categories with 8–12 priced products each and stable ids', () => {
    const { categories, products } = buildCatalog();
    expect(categories).toHaveLength(15);
    for (const category of categories) {
      const own = products.filter((p) => p.categoryId === category.categoryId);
      expect(own.length).toBeGreaterThanOrEqual(8);
      expect(own.length).toBeLessThanOrEqual(12);
    }
    expect(new Set(products.map((p) => p.productId)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(products.every((p) => Number.isInteger(p.priceMinor) && p.priceMinor > 0)).toBe(true);
    expect(buildCatalog()).toEqual(buildCatalog());
    expect(products.find((p) => p.productId === 'prd_dairy_01')?.name).toBe('Whole milk 1 L');
  });
});

describe('generateCustomerHistories', () => {
  const small: SeedOptions = { seed: 'unit-test', customers: 10, end: END };

  it('produces identical output for the same seed and different output for another seed', () => {
    expect(all(small)).toEqual(all(small));
    const other = all({ ...small, seed: 'another-seed' });
    expect(other.map((h) => h.orders.length)).not.toEqual(all(small).map((h) => h.orders.length));
    expect(other.map((h) => h.customer.email)).not.toEqual(all(small).map((h) => h.customer.email));
  });

  it('gives customer i the same history whether 10 or 50 customers are generated', () => {
    const ten = all(small);
    const fifty = all({ ...small, customers: 50 });
    expect(fifty).toHaveLength(50);
    expect(fifty.slice(0, 10)).toEqual(ten);
    expect(generateCustomerHistory(small, 7)).toEqual(ten[7]);
  });

  it('streams lazily, without generating customers nobody asked for', () => {
    const iterator = generateCustomerHistories({ ...small, customers: 1_000_000_000 });
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect(first.value?.customer.customerId).toBe('cus_000000');
  });
});

describe('a 2,000-customer dataset', () => {
  const opts: SeedOptions = { seed: 'pulse-demo', customers: 2_000, end: END };
  const histories = all(opts);
  const population = populationTruth(opts);
  const catalog = new Map(buildCatalog().products.map((p) => [p.productId, p]));

  it('has unique customer ids, unique example.com e-mails and unique order ids', () => {
    const emails = histories.map((h) => h.customer.email);
    expect(new Set(emails).size).toBe(histories.length);
    expect(emails.every((e) => /^[a-z0-9]+\.[a-z0-9]+\.\d{4,}@example\.com$/.test(e))).toBe(true);
    expect(new Set(histories.map((h) => h.customer.customerId)).size).toBe(histories.length);
    const orderIds = histories.flatMap((h) => h.orders.map((o) => o.orderId));
    expect(new Set(orderIds).size).toBe(orderIds.length);
  });

  it('prices every order exactly: total = Σ quantity × unit price, in whole cents, catalogue products only', () => {
    // Collected rather than asserted per line: ~150,000 expect() calls would make this the slowest test.
    const problems: string[] = [];
    for (const { orders } of histories) {
      for (const order of orders) {
        const sum = order.items.reduce((s, item) => s + item.quantity * item.unitPriceMinor, 0);
        if (order.items.length === 0) problems.push(`${order.orderId}: empty basket`);
        if (order.totalMinor !== sum) problems.push(`${order.orderId}: total ${order.totalMinor} ≠ ${sum}`);
        for (const item of order.items) {
          const product = catalog.get(item.productId);
          const price = item.unitPriceMinor;
          if (product?.categoryId !== item.categoryId) problems.push(`${order.orderId}: ${item.productId}`);
          if (!Number.isInteger(price) || price <= 0 || price > (product?.priceMinor ?? 0)) {
            problems.push(`${order.orderId}: ${item.productId} at ${price}`);
          }
          if (!Number.isInteger(item.quantity) || item.quantity < 1) {
            problems.push(`${order.orderId}: quantity ${item.quantity}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('places orders strictly in time order, from createdAt to end, with dropouts buying nothing after', () => {
    const startMs = Date.parse(population.start);
    for (const { customer, orders, truth } of histories) {
      const created = Date.parse(customer.createdAt);
      expect(created).toBeGreaterThanOrEqual(startMs);
      expect(orders[0]?.placedAt).toBe(customer.createdAt);
      let previous = -Infinity;
      for (const order of orders) {
        const at = Date.parse(order.placedAt);
        expect(at).toBeGreaterThan(previous);
        expect(at).toBeLessThanOrEqual(END.getTime());
        previous = at;
      }
      if (truth.droppedOutAt !== null) expect(orders.at(-1)?.placedAt).toBe(truth.droppedOutAt);
    }
  });

  it('matches the population it claims: mean trip rate near r/α and a realistic share of lapsed customers', () => {
    // Gamma(2, rate 2.5) has sd √2/2.5 ≈ 0.566, so the mean of 2,000 draws has SE ≈ 0.0127; 0.05 is 4 SE.
    const meanRate = mean(histories.map((h) => h.truth.tripsPerWeek));
    expect(Math.abs(meanRate - POPULATION.r / POPULATION.alpha)).toBeLessThan(0.05);
    const lapsed = histories.filter((h) => h.truth.droppedOutAt !== null).length / histories.length;
    expect(lapsed).toBeGreaterThan(0.2);
    expect(lapsed).toBeLessThan(0.8);
  });

  it('has as many orders as BG/NBD predicts from each customer’s own λ, p and T', () => {
    // E[orders] = 1 + E[X(T) | λ, p] = 1 + (1 − e^(−λpT)) / p (Fader, Hardie & Lee 2005). Over 30 seeds the
    // observed/expected ratio had mean −0.3 % and sd 1.3 %, so ±5 % is about 4 sd: a generator that ignored
    // dropout or the rate would miss by far more.
    let observed = 0;
    let expected = 0;
    for (const { customer, orders, truth } of histories) {
      const weeks = (END.getTime() - Date.parse(customer.createdAt)) / WEEK_MS;
      const p = truth.dropoutProbability;
      observed += orders.length;
      expected += 1 - Math.expm1(-truth.tripsPerWeek * p * weeks) / p;
    }
    expect(observed / expected).toBeGreaterThan(0.95);
    expect(observed / expected).toBeLessThan(1.05);
  });

  it('shows each category’s rhythm in the data: dairy well before coffee, coffee well before household', () => {
    const gaps = new Map<string, number[]>();
    for (const { orders } of histories) {
      const lastBought = new Map<string, number>();
      for (const order of orders) {
        const day = Date.parse(order.placedAt) / DAY_MS;
        for (const categoryId of new Set(order.items.map((i) => i.categoryId))) {
          const previous = lastBought.get(categoryId);
          if (previous !== undefined) {
            const list = gaps.get(categoryId) ?? [];
            list.push(day - previous);
            gaps.set(categoryId, list);
          }
          lastBought.set(categoryId, day);
        }
      }
    }
    const medianGap = (slug: string) => median(gaps.get(`cat_${slug}`) ?? []);
    // Gaps are stretched by the wait for the next trip (~2 weeks on average), so ratios are smaller than the
    // 7 : 21 : 42 rhythms; a generator that filled baskets at random would give all categories the same median.
    expect(medianGap('dairy') * 1.5).toBeLessThan(medianGap('coffee-tea'));
    expect(medianGap('bakery') * 1.5).toBeLessThan(medianGap('coffee-tea'));
    expect(medianGap('coffee-tea') * 1.3).toBeLessThan(medianGap('household'));
    expect(CATEGORIES.every((c) => (gaps.get(c.categoryId)?.length ?? 0) > 100)).toBe(true);
  });
});
