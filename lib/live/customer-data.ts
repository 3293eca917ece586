import { batchDelete } from '../db/batch';
import type { OwnerCustomerData } from '../db/customer-data';
import { customerRows, withoutAttributes } from '../db/customer-rows';
import { scanItems } from '../db/items';

/** Erasure and access export of a customer's live-view rows and alerts (orchestrated by lib/privacy/erasure). */
export const LIVE_CUSTOMER_DATA = {
  stream_aggregates: {
    erase: async (customerId) => {
      // Rows keyed by the customer (activity), markers whose key holds them (`early_churn:<id>:…`), and rows that
      // name them (webhook deliveries). Counters stay: they hold no one.
      const rows = await scanItems('stream_aggregates', {
        expression: '#b = :c OR contains(#b, :inner) OR customerId = :c',
        names: { '#b': 'bucket' }, // a reserved word
        values: { ':c': customerId, ':inner': `:${customerId}:` },
      });
      await batchDelete('stream_aggregates', rows);
      return { items: rows.length };
    },
    export: async (customerId) => {
      const rows = await scanItems('stream_aggregates', {
        expression: '#b = :c',
        names: { '#b': 'bucket' }, // a reserved word
        values: { ':c': customerId },
      });
      return withoutAttributes(rows, ['expiresAt']); // bookkeeping, nothing about the customer
    },
  },
  alerts: {
    erase: async (customerId) => {
      const alerts = await customerRows('alerts', customerId, 'by_customer');
      await batchDelete('alerts', alerts);
      return { items: alerts.length };
    },
    export: (customerId) => customerRows('alerts', customerId, 'by_customer'),
  },
} satisfies OwnerCustomerData<'live'>;
