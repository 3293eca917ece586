import { getConfig } from '../config';
import { getItem } from '../db/items';
import { customerItemSchema, toCustomerView, type CustomerItem, type CustomerView } from './customer';

const storeUnits = () => {
  const { STORE_CURRENCY: currency, STORE_TIMEZONE: timeZone } = getConfig();
  return { currency, timeZone };
};

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
