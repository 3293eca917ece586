import { assertFinite, isScorable, type EdgeTuple, type RfmEdges, type RfmInput } from './rfm-edges';
import { recencyDays } from './recency-days';

/** 1 = bottom quintile, 5 = top quintile (for recency: 5 = ordered most recently). */
export type RfmScore = 1 | 2 | 3 | 4 | 5;

export interface RfmScores {
  recency: RfmScore;
  frequency: RfmScore;
  monetary: RfmScore;
}

export { RFM_DIMENSIONS, type RfmDimension } from '../../events/segments';

const SCORES: readonly RfmScore[] = [1, 2, 3, 4, 5];

/**
 * Scores one customer against stored edges, so a purchase event can be rescored in real time without ranking
 * everyone again: the result is where the customer would rank among the population the edges came from.
 * Recency is measured at `asOf` (now), not at `edges.asOf`: someone silent since the nightly run keeps ageing.
 * Returns null when there is nothing to rank: the customer has never ordered, or the edges came from no customers.
 */
export function scoreCustomer(input: RfmInput, edges: RfmEdges, asOf: Date): RfmScores | null {
  if (!isScorable(input) || edges.customers === 0) return null;
  assertFinite(input.orderCount, 'orderCount', input.customerId);
  assertFinite(input.totalSpentMinor, 'totalSpentMinor', input.customerId);
  const days = recencyDays(input.lastOrderAt, asOf);
  return {
    recency: toScore(countEdges(edges.recencyDays, (edge) => days < edge)),
    frequency: toScore(countEdges(edges.frequency, (edge) => input.orderCount > edge)),
    monetary: toScore(countEdges(edges.monetaryMinor, (edge) => input.totalSpentMinor > edge)),
  };
}

function countEdges(edges: EdgeTuple, passes: (edge: number) => boolean): number {
  return edges.filter(passes).length;
}

function toScore(edgesPassed: number): RfmScore {
  const score = SCORES[edgesPassed];
  if (score === undefined) throw new RangeError(`passed ${edgesPassed} edges; expected 0..4`);
  return score;
}
