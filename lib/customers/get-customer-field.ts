import { batchGet } from '../db/batch';

type FieldName = 'firstOrderAt' | 'segment';

/**
 * One or two summary fields of many customers, without reading or parsing their whole profiles (a profile carries
 * its purchase digest, far larger than the field a hot path needs: the worker's weekly counts per purchase batch, the
 * live feed's segment filter). Customers without a profile, or without the field, are absent from the map.
 */
export async function getCustomerField(
  customerIds: readonly string[],
  field: FieldName,
  options: { consistent?: boolean } = {},
): Promise<Map<string, string>> {
  const items = await batchGet(
    'customers',
    customerIds.map((customerId) => ({ customerId })),
    { ...options, attributes: ['customerId', field] },
  );
  const found = new Map<string, string>();
  for (const item of items) {
    const value = item[field];
    if (typeof item.customerId === 'string' && typeof value === 'string') found.set(item.customerId, value);
  }
  return found;
}
