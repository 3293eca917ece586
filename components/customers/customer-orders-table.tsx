import type { Order } from '@/lib/orders/order';
import { orderItemCount } from '@/lib/customers/to-orders-timeline';
import { storeDateTime } from '@/lib/time/store-time';
import { itemsLabel, orderMoney } from './customer-format';

/**
 * The customer's orders as loaded so far, newest first, on the store's clock (`timeZone`): each as sold, its refunds
 * and its net, so the nets add up to the profile's Total spent.
 */
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
          <th scope="col" className="num">
            Refunded
          </th>
          <th scope="col" className="num">
            Net
          </th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => {
          const money = orderMoney(o);
          return (
            <tr key={o.orderId} data-testid="customer-order-row">
              <td>
                <time dateTime={o.placedAt}>{storeDateTime(o.placedAt, timeZone)}</time>
              </td>
              <td>
                <code>{o.orderId}</code>
              </td>
              <td className="num">{itemsLabel(orderItemCount(o))}</td>
              <td className="num">{money.total}</td>
              <td className="num" data-testid="order-refunded">
                {money.refunded ?? <span className="muted">—</span>}
              </td>
              <td className="num" data-testid="order-net">
                {money.net}
                {money.fullyRefunded ? <div className="muted">fully refunded</div> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
