import type { Order } from '@/lib/orders/order';
import { orderItemCount } from '@/lib/customers/to-orders-timeline';
import { formatEur } from '@/lib/overview/to-chart-rows';
import { itemsLabel } from './customer-format';

/** The customer's orders as loaded so far, newest first. */
export function CustomerOrdersTable({ orders }: { orders: Order[] }) {
  return (
    <table className="table" data-testid="customer-orders-table">
      <thead>
        <tr>
          <th scope="col">Date (UTC)</th>
          <th scope="col">Order</th>
          <th scope="col" className="num">
            Items
          </th>
          <th scope="col" className="num">
            Total (€)
          </th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.orderId}>
            <td>
              <time dateTime={o.placedAt}>
                {o.placedAt.slice(0, 10)} {o.placedAt.slice(11, 16)}
              </time>
            </td>
            <td>
              <code>{o.orderId}</code>
            </td>
            <td className="num">{itemsLabel(orderItemCount(o))}</td>
            <td className="num">{formatEur(o.totalMinor, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
