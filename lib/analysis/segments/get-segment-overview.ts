import { customerSnapshot } from '../../customers/customer-snapshot';
import { getStoredEdges } from './edges-store';
import { segmentDistribution, segmentFlows } from './segment-distribution';
import { isSegmentName, type SegmentName } from './segments';

export interface SegmentOverview {
  distribution: ReturnType<typeof segmentDistribution>;
  /** Moves between segments in the last `flowDays` days, largest first. */
  flows: ReturnType<typeof segmentFlows>;
  flowDays: number;
  edgesAsOf: string | null;
  /**
   * Of the unscored, those who have ordered: a customer with orders gets a segment from the nightly run or their next
   * purchase unless they do not allow personalization, so once segments exist these are the refusals.
   */
  unscoredWithOrders: number;
}

/** GET /segments: how many customers sit in each segment, and where customers moved recently. */
export async function getSegmentOverview(flowDays = 30, now = new Date()): Promise<SegmentOverview> {
  const [customers, edges] = await Promise.all([customerSnapshot(), getStoredEdges()]);
  const since = new Date(now.getTime() - flowDays * 86_400_000).toISOString();
  const changes = customers.flatMap((c) =>
    (c.segmentHistory ?? [])
      .filter((h) => h.at >= since && isSegmentName(h.to) && h.from !== null)
      .map((h) => ({ from: h.from as SegmentName | null, to: h.to as SegmentName })),
  );
  return {
    distribution: segmentDistribution(
      customers.map((c) => (c.segment && isSegmentName(c.segment) ? c.segment : undefined)),
    ),
    flows: segmentFlows(changes),
    flowDays,
    edgesAsOf: edges?.asOf ?? null,
    unscoredWithOrders: customers.filter((c) => !c.segment && c.orderCount > 0).length,
  };
}
