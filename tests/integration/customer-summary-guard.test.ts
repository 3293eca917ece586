import { describe, expect, it } from 'vitest';
import { refreshCustomerSummaries } from '@/lib/customers/refresh-customer-summary';
import { getItem, putItem } from '@/lib/db/items';
import type { Order } from '@/lib/orders/order';
import { putOrders } from '@/lib/orders/put-orders';
import { useTestStack } from './support/test-stack';

const order = (orderId: string, customerId: string, placedAt: string, totalMinor: number): Order => ({
  orderId,
  customerId,
  placedAt,
  currency: 'EUR',
  items: [{ productId: 'prd_dairy_01', categoryId: 'cat_dairy', quantity: 1, unitPriceMinor: totalMinor }],
  totalMinor,
  status: 'completed',
  source: 'test',
});

const summary = async (customerId: string) => {
  const item = await getItem('customers', { customerId }, { consistent: true });
  return (
    item && {
      orderCount: item.orderCount,
      refundCount: item.refundCount,
      totalSpentMinor: item.totalSpentMinor,
    }
  );
};

describe('customer summaries: a recompute never replaces a summary that knows more', () => {
  useTestStack();

  it('recomputes from the orders, keeps a summary counting more orders or refunds, and makes no profile for a refund alone', async () => {
    await putOrders([
      order('sg-o1', 'sg-cust', '2026-03-02T10:00:00Z', 500),
      order('sg-o2', 'sg-cust', '2026-03-09T10:00:00Z', 700),
    ]);
    await refreshCustomerSummaries([
      { customerId: 'sg-cust', orderId: 'sg-o2', placedAt: '2026-03-09T10:00:00Z', totalMinor: 700 },
    ]);
    expect(await summary('sg-cust')).toEqual({ orderCount: 2, refundCount: 0, totalSpentMinor: 1200 });

    // A summary that already counts a third order (written by a faster recompute) stays.
    const stored = await getItem('customers', { customerId: 'sg-cust' }, { consistent: true });
    await putItem('customers', { ...stored, orderCount: 3, totalSpentMinor: 2000 });
    await refreshCustomerSummaries([
      { customerId: 'sg-cust', orderId: 'sg-o1', placedAt: '2026-03-02T10:00:00Z', totalMinor: 500 },
    ]);
    expect(await summary('sg-cust')).toEqual({ orderCount: 3, refundCount: 0, totalSpentMinor: 2000 });

    // As many orders but one more refund known: stays; as many orders and refunds: recomputed.
    await putItem('customers', { ...stored, orderCount: 2, refundCount: 1, totalSpentMinor: 900 });
    await refreshCustomerSummaries([
      { customerId: 'sg-cust', orderId: 'sg-o1', placedAt: '2026-03-02T10:00:00Z', totalMinor: 500 },
    ]);
    expect(await summary('sg-cust')).toEqual({ orderCount: 2, refundCount: 1, totalSpentMinor: 900 });
    await putItem('customers', { ...stored, orderCount: 2, refundCount: 0, totalSpentMinor: 1 });
    await refreshCustomerSummaries([
      { customerId: 'sg-cust', orderId: 'sg-o1', placedAt: '2026-03-02T10:00:00Z', totalMinor: 500 },
    ]);
    expect(await summary('sg-cust')).toEqual({ orderCount: 2, refundCount: 0, totalSpentMinor: 1200 });

    // A refund's recompute for a customer without a profile (erased, say) creates none.
    await putOrders([order('sg-o3', 'sg-gone', '2026-03-02T10:00:00Z', 400)]);
    await refreshCustomerSummaries([
      {
        customerId: 'sg-gone',
        orderId: 'sg-o3',
        placedAt: '2026-03-02T10:00:00Z',
        totalMinor: 400,
        refundedMinor: 100,
      },
    ]);
    expect(await summary('sg-gone')).toBeUndefined();
  });
});
