import { queryItems, type Item } from './items';
import type { TableName } from './tables';

/**
 * Every item of a table (or of its index) whose `customerId` key is the customer: what the owners' erasure and
 * export handlers read (lib/db/customer-data.ts).
 */
export const customerRows = (table: TableName, customerId: string, index?: string): Promise<Item[]> =>
  queryItems(table, { index, keyCondition: 'customerId = :c', values: { ':c': customerId } });

/** The items without these attributes: for exports, which leave out bookkeeping that says nothing about anyone. */
export const withoutAttributes = (items: Item[], attributes: readonly string[]): Item[] =>
  items.map((i) => Object.fromEntries(Object.entries(i).filter(([k]) => !attributes.includes(k))));
