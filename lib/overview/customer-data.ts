import { batchDelete } from '../db/batch';
import type { OwnerCustomerData } from '../db/customer-data';
import { withoutAttributes } from '../db/customer-rows';
import { scanItems } from '../db/items';

/** The markers keyed by the customer: active in a week (`business:active:<week>`) and first order (`business:new`). */
const customerMarkers = (customerId: string) =>
  scanItems('business_weeks', {
    expression: '#b = :c',
    names: { '#b': 'bucket' }, // a reserved word
    values: { ':c': customerId },
  });

/** Erasure and access export of the Overview's rows about a customer (orchestrated by lib/privacy/erasure). */
export const OVERVIEW_CUSTOMER_DATA = {
  business_weeks: {
    erase: async (customerId) => {
      // The week's counts stay: they hold no one.
      const rows = await customerMarkers(customerId);
      await batchDelete('business_weeks', rows);
      return { items: rows.length };
    },
    export: async (customerId) => withoutAttributes(await customerMarkers(customerId), ['expiresAt']),
  },
} satisfies OwnerCustomerData<'overview'>;
