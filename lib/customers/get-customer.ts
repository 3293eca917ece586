import { getItem } from '../db/items';
import { storeUnits } from '../overview/store-units';
import { customerItemSchema, toCustomerView, type CustomerItem, type CustomerView } from './customer';

export async function getCustomer(
  customerId: string,
  withPii: boolean,
  options: { consistent?: boolean } = {},
): Promise<CustomerView | undefined> {
  const item = await getItem('customers', { customerId }, options);
  return item ? toCustomerView(customerItemSchema.parse(item), withPii, storeUnits()) : undefined;
}

/** The stored profile itself, for domains that derive from it (analysis reads the purchase digest). */
export async function getCustomerItem(
  customerId: string,
  options: { consistent?: boolean } = {},
): Promise<CustomerItem | undefined> {
  const item = await getItem('customers', { customerId }, options);
  return item ? customerItemSchema.parse(item) : undefined;
}
