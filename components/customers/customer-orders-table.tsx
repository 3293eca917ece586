import type { Order } from '@/lib/orders/order';
import { orderItemCount } from '@/lib/customers/to-orders-timeline';
import { formatMoney } from '@/lib/money/currency';
import { storeDateTime } from '@/lib/time/store-time';
import { itemsLabel } from './customer-format';

/** The customer's orders as loaded so far, newest first, on the store's clock (`timeZone`). */
export function CustomerOrdersTable({ orders, timeZone }: { orders: Order[]; timeZone: string }) {
  return (
    <table className="table" data-testid="customer-orders-table">
      <thead>
        <tr>
          <th scope="col">Date ({timeZone})</th>
          <th scope="col">Order</th>
          <th scope="col" className="num">
            Items
          </th>
          <th scope="col" className="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.orderId}>
            <td>
              <time dateTime={o.placedAt}>{storeDateTime(o.placedAt, timeZone)}</time>
            </td>
            <td>
              <code>{o.orderId}</code>
            </td>
            <td className="num">{itemsLabel(orderItemCount(o))}</td>
            <td className="num">{formatMoney(o.totalMinor, o.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
