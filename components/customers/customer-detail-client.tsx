'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ChartCustomerOrders } from '@/components/chart/chart-customer-orders';
import { useCustomer } from '@/lib/client/use-customer';
import { useCustomerOrders, type CustomerOrdersPage } from '@/lib/client/use-customer-orders';
import type { CustomerView } from '@/lib/customers/customer';
import { toOrdersTimeline } from '@/lib/customers/to-orders-timeline';
import { ordersLabel } from './customer-format';
import { CustomerInsightCard } from './customer-insight-card';
import { CustomerOrdersTable } from './customer-orders-table';
import { CustomerProfile } from './customer-profile';
import { CustomerSegmentHistory } from './customer-segment-history';

export function CustomerDetailClient({
  initialCustomer,
  initialOrders,
  canAnalyse = false,
}: {
  initialCustomer: CustomerView;
  initialOrders: CustomerOrdersPage;
  /** The role may run an analysis (`analysis:run`): the insight card offers "Re-analyse now". */
  canAnalyse?: boolean;
}) {
  const customerId = initialCustomer.customerId;
  const customerQuery = useCustomer(customerId, initialCustomer);
  const ordersQuery = useCustomerOrders(customerId, initialOrders);
  const customer = customerQuery.data ?? initialCustomer;
  const orders = useMemo(() => ordersQuery.data?.pages.flatMap((p) => p.orders) ?? [], [ordersQuery.data]);
  const points = useMemo(
    () => toOrdersTimeline(orders, customer.currency, customer.timeZone),
    [orders, customer.currency, customer.timeZone],
  );
  // One clock per render of the page, so "days ago" is the same wherever it shows.
  const [now] = useState(() => new Date());
  const animate = process.env.NODE_ENV !== 'test';

  return (
    <>
      <p>
        <Link href="/customers">← All customers</Link>
      </p>
      <h1>
        Customer <code>{customer.customerId}</code>
      </h1>
      {customerQuery.error ? (
        <p className="error" role="alert">
          Could not refresh the profile: {customerQuery.error.message}
        </p>
      ) : null}
      <div className="detail-grid">
        <CustomerProfile customer={customer} now={now} />
        <CustomerSegmentHistory history={customer.segmentHistory} timeZone={customer.timeZone} />
      </div>
      <CustomerInsightCard
        customerId={customerId}
        canAnalyse={canAnalyse}
        now={now}
        timeZone={customer.timeZone}
        animate={animate}
      />
      <section className="card">
        <header className="card-header">
          <h2>Order value over time</h2>
          <span className="muted">
            {customer.currency} per order · {ordersLabel(points.length)} loaded of{' '}
            {ordersLabel(customer.orderCount)}
          </span>
        </header>
        {points.length > 0 ? (
          <ChartCustomerOrders
            points={points}
            currency={customer.currency}
            timeZone={customer.timeZone}
            animate={animate}
          />
        ) : (
          <p className="muted">No orders yet.</p>
        )}
      </section>
      <section className="card">
        <header className="card-header">
          <h2>Latest orders</h2>
          <span className="muted">newest first · net after refunds, as Total spent counts them</span>
        </header>
        {ordersQuery.error ? (
          <p className="error" role="alert">
            Could not load orders: {ordersQuery.error.message}
          </p>
        ) : null}
        {orders.length > 0 ? <CustomerOrdersTable orders={orders} timeZone={customer.timeZone} /> : null}
        {ordersQuery.hasNextPage ? (
          <div className="load-more">
            <button
              type="button"
              onClick={() => void ordersQuery.fetchNextPage()}
              disabled={ordersQuery.isFetchingNextPage}
            >
              {ordersQuery.isFetchingNextPage ? 'Loading…' : 'Load more orders'}
            </button>
          </div>
        ) : null}
      </section>
    </>
  );
}
