import { ConditionFailedError, putItem } from '../db/items';
import { customerItemSchema, type CustomerProfile } from './customer';

/** Creates a customer's profile the first time the storefront sends it; an existing profile is left as it is. */
export async function putCustomerIfNew(profile: CustomerProfile): Promise<boolean> {
  const item = customerItemSchema.parse({ ...profile, email: profile.email.toLowerCase() });
  try {
    await putItem(
      'customers',
      { ...item, source: 'storefront' },
      { condition: 'attribute_not_exists(customerId)' },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
