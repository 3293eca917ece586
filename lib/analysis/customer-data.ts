import { batchDelete } from '../db/batch';
import type { OwnerCustomerData } from '../db/customer-data';
import { customerRows } from '../db/customer-rows';

/** Erasure and access export of a customer's insights and purchase patterns (orchestrated by lib/privacy/erasure). */
export const ANALYSIS_CUSTOMER_DATA = {
  customer_insights: {
    erase: async (customerId) => {
      const insights = await customerRows('customer_insights', customerId);
      await batchDelete('customer_insights', insights);
      return { items: insights.length };
    },
    export: (customerId) => customerRows('customer_insights', customerId),
  },
  purchase_patterns: {
    erase: async (customerId) => {
      const patterns = await customerRows('purchase_patterns', customerId);
      await batchDelete('purchase_patterns', patterns);
      return { items: patterns.length };
    },
    export: (customerId) => customerRows('purchase_patterns', customerId),
  },
} satisfies OwnerCustomerData<'analysis'>;
