import { getItem } from '../db/items';
import { customerItemSchema, toCustomerView, type CustomerView } from './customer';

export async function getCustomer(
  customerId: string,
  withPii: boolean,
  options: { consistent?: boolean } = {},
): Promise<CustomerView | undefined> {
  const item = await getItem('customers', { customerId }, options);
  return item ? toCustomerView(customerItemSchema.parse(item), withPii) : undefined;
}
