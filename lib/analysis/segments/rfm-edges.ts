import { z } from 'zod';
import { recencyDays } from './recency-days';

/** What scoring needs to know about one customer; amounts in minor units (cents). */
export interface RfmInput {
  customerId: string;
  /** ISO-8601; absent for a customer who has never ordered. */
  lastOrderAt?: string;
  orderCount: number;
  totalSpentMinor: number;
}

const edgeTuple = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine((e) => e[0] <= e[1] && e[1] <= e[2] && e[2] <= e[3], 'edges must be non-decreasing');

/**
 * The four quintile cut points per dimension, as values, all ascending. Stored nightly as JSON and parsed back with
 * this schema, so a customer can be rescored between runs without ranking everyone again.
 * - `frequency`, `monetaryMinor`: score = 1 + how many edges the value is strictly above.
 * - `recencyDays`: score = 1 + how many edges the days since the last order are strictly below.
 */
export const rfmEdgesSchema = z.object({
  asOf: z.iso.datetime(),
  customers: z.number().int().nonnegative(),
  recencyDays: edgeTuple,
  frequency: edgeTuple,
  monetaryMinor: edgeTuple,
});
export type RfmEdges = z.infer<typeof rfmEdgesSchema>;
export type EdgeTuple = RfmEdges['frequency'];

const QUINTILES = 5;

/** A customer is ranked only once they have ordered: a never-ordering customer has no recency to speak of. */
export function isScorable(input: RfmInput): input is RfmInput & { lastOrderAt: string } {
  return input.orderCount > 0 && input.lastOrderAt !== undefined;
}

/**
 * Tie rule: a customer's score is 1 + ⌊5·b/n⌋ (at most 5), where b counts the customers who are strictly worse
 * (fewer orders, less spend, more days since ordering) and n is everyone ranked. Equal values share b and so share a
 * score; when 60 % of customers have one order, all of them score frequency 1, and the next value up jumps to the
 * score its rank earns (scores 2 and 3 may then be empty). Inverting that rule gives value thresholds:
 * b ≥ k·n/5 ⟺ b ≥ c_k with c_k = ⌈k·n/5⌉ ⟺ the value is strictly better than the c_k-th worst value.
 * So edge k is that c_k-th worst value, always one that occurs in the data (finite, JSON-safe).
 */
export function computeRfmEdges(customers: readonly RfmInput[], asOf: Date): RfmEdges {
  const ranked = customers.filter(isScorable);
  const n = ranked.length;
  const days = new Float64Array(n);
  const orders = new Float64Array(n);
  const spent = new Float64Array(n);
  ranked.forEach((c, i) => {
    assertFinite(c.orderCount, 'orderCount', c.customerId);
    assertFinite(c.totalSpentMinor, 'totalSpentMinor', c.customerId);
    days[i] = recencyDays(c.lastOrderAt, asOf);
    orders[i] = c.orderCount;
    spent[i] = c.totalSpentMinor;
  });
  // Typed arrays sort numerically (a plain array would compare as strings); O(n log n), independent of input order.
  days.sort();
  orders.sort();
  spent.sort();

  const cut = (k: number): number => Math.ceil((k * n) / QUINTILES);
  // With nobody ranked the zeros are placeholders only: scoreCustomer returns null when `customers` is 0.
  // Higher is better: the c_k-th worst is the c_k-th smallest.
  const higherIsBetter = (sorted: Float64Array): EdgeTuple =>
    n === 0
      ? [0, 0, 0, 0]
      : [at(sorted, cut(1) - 1), at(sorted, cut(2) - 1), at(sorted, cut(3) - 1), at(sorted, cut(4) - 1)];
  // Fewer days is better: the c_k-th worst is the c_k-th largest. Listed from edge 4 down so the tuple ascends.
  const lowerIsBetter = (sorted: Float64Array): EdgeTuple =>
    n === 0
      ? [0, 0, 0, 0]
      : [at(sorted, n - cut(4)), at(sorted, n - cut(3)), at(sorted, n - cut(2)), at(sorted, n - cut(1))];

  return {
    asOf: asOf.toISOString(),
    customers: n,
    recencyDays: lowerIsBetter(days),
    frequency: higherIsBetter(orders),
    monetaryMinor: higherIsBetter(spent),
  };
}

function at(sorted: Float64Array, index: number): number {
  const value = sorted[index];
  if (value === undefined) throw new RangeError(`quintile index ${index} outside 0..${sorted.length - 1}`);
  return value;
}

export function assertFinite(value: number, field: string, customerId: string): void {
  // NaN would make the sort order, and so every edge, depend on where the bad row sits.
  if (!Number.isFinite(value))
    throw new RangeError(`customer ${customerId}: ${field} is not a finite number`);
}
