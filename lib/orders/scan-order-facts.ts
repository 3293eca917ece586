import { z } from 'zod';
import { scanPage, type Item } from '../db/items';

/** What a whole-table rebuild needs of an order (the Overview's weeks): no items, so a page carries many orders. */
const orderFactSchema = z.object({
  orderId: z.string(),
  customerId: z.string(),
  placedAt: z.string(),
  /** Absent on orders stored before orders carried a currency: those are in the store's. */
  currency: z.string().optional(),
  totalMinor: z.number().int(),
  refundedMinor: z.number().int().optional(),
  /** Each refund's id and time (a rebuild marks recent ones counted, so their events take nothing off twice). */
  refunds: z.array(z.object({ refundId: z.string(), at: z.string() })).optional(),
  source: z.string().optional(),
});
export type OrderFact = z.infer<typeof orderFactSchema>;

const ATTRIBUTES = Object.keys(orderFactSchema.shape);

/**
 * Every order in the table, a scan page at a time (any order), read consistently so orders just written are
 * there. For jobs that rebuild a read model from the orders; memory stays at one page.
 */
export async function* scanOrderFacts(pageSize = 1000): AsyncGenerator<OrderFact[]> {
  let startKey: Item | undefined;
  do {
    const page = await scanPage('orders', {
      limit: pageSize,
      startKey,
      consistent: true,
      attributes: ATTRIBUTES,
    });
    yield page.items.map((i) => orderFactSchema.parse(i));
    startKey = page.nextKey;
  } while (startKey);
}
