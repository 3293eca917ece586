import type { OwnerCustomerData } from '../db/customer-data';
import { customerRows, withoutAttributes } from '../db/customer-rows';
import { batchDelete } from '../db/batch';
import { queryItems, scanItems } from '../db/items';
import { updateIfPresent } from '../db/update-if-present';
import { eventIdFor } from '../events';
import { forEachLimit } from '../for-each-limit';

/**
 * Erasure and access export of a customer's orders and pending order events (orchestrated by lib/privacy/erasure).
 * The outbox step must run after the orders step: it finds the orders by the reference that step gave them.
 */
export const ORDERS_CUSTOMER_DATA = {
  orders: {
    erase: async (customerId, { reference }) => {
      const orders = await customerRows('orders', customerId, 'by_customer');
      await forEachLimit(orders, 8, async (o) => {
        await updateIfPresent('orders', o, 'SET customerId = :r REMOVE fingerprint', { ':r': reference });
      });
      return { items: orders.length, detail: `customer id replaced by ${reference}` };
    },
    // (the request fingerprint is bookkeeping, nothing about the customer)
    export: async (customerId) =>
      withoutAttributes(await customerRows('orders', customerId, 'by_customer'), ['fingerprint']),
  },
  outbox: {
    erase: async (customerId, { reference }) => {
      // Rows are keyed by the event id, derived from the order id; the orders were found (and anonymized) by the
      // step above, so look them up by their new reference.
      const orders = await queryItems('orders', {
        index: 'by_customer',
        keyCondition: 'customerId = :c',
        values: { ':c': reference },
      });
      const rows = await scanItems('outbox');
      const ours = new Set(orders.map((o) => eventIdFor('purchase', String(o.orderId))));
      const matching = rows.filter(
        (r) =>
          ours.has(String(r.eventId)) ||
          (r.order as { customerId?: unknown } | undefined)?.customerId === customerId ||
          // a refund's row names the order's customer (the refund itself stays on the anonymized order)
          (r.kind === 'refund' && (r.customerId === customerId || r.customerId === reference)),
      );
      await batchDelete('outbox', matching);
      return { items: matching.length };
    },
  },
} satisfies OwnerCustomerData<'orders'>;
