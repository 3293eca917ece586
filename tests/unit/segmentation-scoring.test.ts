import { describe, expect, it } from 'vitest';
import { computeRfmEdges, rfmEdgesSchema, type RfmInput } from '@/lib/analysis/segments/rfm-edges';
import { scoreCustomer, type RfmScores } from '@/lib/analysis/segments/rfm-segment';

const DAY_MS = 86_400_000;
const AS_OF = new Date('2026-11-30T02:00:00.000Z');

/** Tiny seeded PRNG so every run sees the same customers. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function daysAgo(days: number, asOf = AS_OF, extraHours = 0): string {
  return new Date(asOf.getTime() - days * DAY_MS - extraHours * 3_600_000).toISOString();
}

function customer(id: number, days: number, orderCount: number, totalSpentMinor: number): RfmInput {
  return { customerId: `c${id}`, lastOrderAt: daysAgo(days), orderCount, totalSpentMinor };
}

/** Grocery-like population: most shoppers have one or two orders, spend and recency spread out. */
function groceryPopulation(n: number, seed: number): RfmInput[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const orderCount = rand() < 0.45 ? 1 : rand() < 0.5 ? 2 : 3 + Math.floor(rand() * 40);
    const spent = Math.round(orderCount * (1500 + rand() * 9000));
    return customer(i, Math.floor(rand() * 400), orderCount, spent);
  });
}

/** The tie rule from the README, computed the slow, obvious way: 1 + ⌊5·(strictly worse)/n⌋, at most 5. */
function rankScore(
  value: number,
  population: number[],
  worse: (other: number, value: number) => boolean,
): number {
  const below = population.filter((other) => worse(other, value)).length;
  return Math.min(5, 1 + Math.floor((5 * below) / population.length));
}

function expectedScores(c: RfmInput, population: RfmInput[]): RfmScores {
  const days = (x: RfmInput) => Math.floor((AS_OF.getTime() - Date.parse(x.lastOrderAt ?? '')) / DAY_MS);
  return {
    recency: rankScore(days(c), population.map(days), (other, v) => other > v),
    frequency: rankScore(
      c.orderCount,
      population.map((x) => x.orderCount),
      (other, v) => other < v,
    ),
    monetary: rankScore(
      c.totalSpentMinor,
      population.map((x) => x.totalSpentMinor),
      (other, v) => other < v,
    ),
  } as RfmScores;
}

function countBy(values: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function scoreAll(population: RfmInput[], asOf = AS_OF): RfmScores[] {
  const edges = computeRfmEdges(population, asOf);
  return population.map((c) => {
    const scores = scoreCustomer(c, edges, asOf);
    if (scores === null) throw new Error(`${c.customerId} was not scored`);
    return scores;
  });
}

describe('quintiles', () => {
  it('gives exactly 200 of 1,000 customers with distinct values each score, on every dimension', () => {
    const rand = mulberry32(7);
    const ranks = shuffle(
      Array.from({ length: 1000 }, (_, i) => i),
      rand,
    );
    // Hours within the day must not matter: recency is counted in whole days.
    const population = ranks.map((r, i) => ({
      customerId: `c${i}`,
      lastOrderAt: daysAgo(r, AS_OF, Math.floor(rand() * 23)),
      orderCount: 1000 - ranks[(i + 1) % 1000]!,
      totalSpentMinor: 500 + ranks[(i + 2) % 1000]! * 37,
    }));
    const scores = scoreAll(population);
    for (const dimension of ['recency', 'frequency', 'monetary'] as const) {
      const counts = countBy(scores.map((s) => s[dimension]));
      expect(
        [1, 2, 3, 4, 5].map((score) => counts.get(score)),
        dimension,
      ).toEqual([200, 200, 200, 200, 200]);
    }
  });

  it('keeps each score within one customer of n/5 when n does not divide by five', () => {
    const population = Array.from({ length: 997 }, (_, i) => customer(i, i, i + 1, (i + 1) * 100));
    const counts = countBy(scoreAll(population).map((s) => s.frequency));
    for (const score of [1, 2, 3, 4, 5]) expect(Math.abs((counts.get(score) ?? 0) - 997 / 5)).toBeLessThan(1);
  });

  it('gives the 600 one-order customers of 1,000 the same frequency score, with edges that never decrease', () => {
    const rand = mulberry32(42);
    const population = shuffle(
      Array.from({ length: 1000 }, (_, i) =>
        customer(i, Math.floor(rand() * 300), i < 600 ? 1 : 2 + Math.floor(rand() * 30), 1000 + i),
      ),
      rand,
    );
    const edges = computeRfmEdges(population, AS_OF);
    const oneOrder = population.filter((c) => c.orderCount === 1).map((c) => scoreCustomer(c, edges, AS_OF));
    expect(new Set(oneOrder.map((s) => s?.frequency))).toEqual(new Set([1]));
    for (const tuple of [edges.recencyDays, edges.frequency, edges.monetaryMinor]) {
      expect([...tuple].sort((a, b) => a - b)).toEqual(tuple);
    }
    // More orders never means a lower frequency score.
    const byOrders = [...population].sort((a, b) => a.orderCount - b.orderCount);
    const freq = byOrders.map((c) => scoreCustomer(c, edges, AS_OF)?.frequency ?? 0);
    expect([...freq].sort((a, b) => a - b)).toEqual(freq);
  });

  it('scores everyone 1 on frequency when everyone has ordered once: nobody stands out', () => {
    const population = Array.from({ length: 50 }, (_, i) => customer(i, i, 1, 100 * i));
    expect(new Set(scoreAll(population).map((s) => s.frequency))).toEqual(new Set([1]));
  });

  it('does not depend on the order customers arrive in', () => {
    const population = groceryPopulation(500, 3);
    expect(computeRfmEdges(shuffle(population, mulberry32(9)), AS_OF)).toEqual(
      computeRfmEdges(population, AS_OF),
    );
  });

  it('leaves customers who never ordered out of the edges and unscored', () => {
    const population = groceryPopulation(300, 5);
    const neverOrdered: RfmInput[] = Array.from({ length: 200 }, (_, i) => ({
      customerId: `n${i}`,
      orderCount: 0,
      totalSpentMinor: 0,
    }));
    const edges = computeRfmEdges([...population, ...neverOrdered], AS_OF);
    expect(edges).toEqual(computeRfmEdges(population, AS_OF));
    expect(edges.customers).toBe(300);
    expect(scoreCustomer(neverOrdered[0]!, edges, AS_OF)).toBeNull();
  });
});

describe('recency', () => {
  const population = groceryPopulation(1000, 11);
  const edges = computeRfmEdges(population, AS_OF);

  it('scores 5 for a customer who just bought and 1 for one silent longer than anyone', () => {
    const justBought = {
      customerId: 'x',
      lastOrderAt: AS_OF.toISOString(),
      orderCount: 2,
      totalSpentMinor: 4000,
    };
    const longGone = { ...justBought, lastOrderAt: daysAgo(2000) };
    expect(scoreCustomer(justBought, edges, AS_OF)?.recency).toBe(5);
    expect(scoreCustomer(longGone, edges, AS_OF)?.recency).toBe(1);
  });

  it('counts whole days: two shoppers who ordered on the same day rank the same, whatever the hour', () => {
    const sameDay = [
      { customerId: 'morning', lastOrderAt: daysAgo(0, AS_OF, 1), orderCount: 2, totalSpentMinor: 100 },
      { customerId: 'evening', lastOrderAt: daysAgo(0, AS_OF, 20), orderCount: 2, totalSpentMinor: 100 },
      customer(3, 3, 2, 100),
      customer(4, 10, 2, 100),
      customer(5, 30, 2, 100),
    ];
    const scores = scoreAll(sameDay).map((s) => s.recency);
    expect(scores[0]).toBe(scores[1]);
    expect(scores).toEqual([4, 4, 3, 2, 1]);
  });

  it('keeps ageing after the nightly run: recency is measured when the customer is rescored', () => {
    const recent = population.find((c) => scoreCustomer(c, edges, AS_OF)?.recency === 5)!;
    const muchLater = new Date(AS_OF.getTime() + 500 * DAY_MS);
    expect(scoreCustomer(recent, edges, muchLater)?.recency).toBe(1);
    const boughtThen = { ...recent, lastOrderAt: muchLater.toISOString(), orderCount: recent.orderCount + 1 };
    expect(scoreCustomer(boughtThen, edges, muchLater)?.recency).toBe(5);
  });
});

describe('rescoring one customer with stored edges', () => {
  const population = groceryPopulation(800, 21);
  const edges = computeRfmEdges(population, AS_OF);
  const stored = rfmEdgesSchema.parse(JSON.parse(JSON.stringify(edges)));

  it('gives every customer the score their rank in the nightly batch earns, after a JSON round trip', () => {
    for (const c of population) {
      expect(scoreCustomer(c, stored, AS_OF), c.customerId).toEqual(expectedScores(c, population));
    }
  });

  it('places a customer whose purchase just arrived where they would rank among last night’s customers', () => {
    const rand = mulberry32(99);
    for (let i = 0; i < 200; i++) {
      const newcomer = customer(
        10_000 + i,
        Math.floor(rand() * 500),
        1 + Math.floor(rand() * 60),
        Math.round(rand() * 600_000),
      );
      expect(scoreCustomer(newcomer, stored, AS_OF), newcomer.customerId).toEqual(
        expectedScores(newcomer, population),
      );
    }
  });

  it('refuses stored edges that are out of order', () => {
    const broken = { ...edges, frequency: [3, 2, 5, 8] };
    expect(rfmEdgesSchema.safeParse(broken).success).toBe(false);
  });

  it('has nothing to rank against when the nightly run found no customers', () => {
    const empty = computeRfmEdges([], AS_OF);
    expect(empty.customers).toBe(0);
    expect(scoreCustomer(population[0]!, empty, AS_OF)).toBeNull();
  });
});
