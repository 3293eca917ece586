import { queryItems } from '../../db/items';
import type { TableName } from '../../db/tables';

/** Every item of a table (or of its index) whose `customerId` is the customer: what export and erasure both read. */
export const customerRows = (table: TableName, customerId: string, index?: string) =>
  queryItems(table, { index, keyCondition: 'customerId = :c', values: { ':c': customerId } });
