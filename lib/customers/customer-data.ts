import type { OwnerCustomerData } from '../db/customer-data';
import { customerRows } from '../db/customer-rows';
import { deleteItem } from '../db/items';

/** Erasure and access export of a customer's profile (orchestrated by lib/privacy/erasure). */
export const CUSTOMERS_CUSTOMER_DATA = {
  customers: {
    erase: async (customerId) => {
      await deleteItem('customers', { customerId });
      return { items: 1 };
    },
    export: (customerId) => customerRows('customers', customerId),
  },
} satisfies OwnerCustomerData<'customers'>;
