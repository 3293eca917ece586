import { scanPage, type Item } from '../db/items';
import { orderSchema, type Order } from './order';

/** Every order in the table, whole, a scan page at a time (any order): for copies and benchmarks. */
export async function* scanOrders(pageSize = 500): AsyncGenerator<Order[]> {
  let startKey: Item | undefined;
  do {
    const page = await scanPage('orders', { limit: pageSize, startKey, consistent: true });
    yield page.items.map((i) => orderSchema.parse(i));
    startKey = page.nextKey;
  } while (startKey);
}
