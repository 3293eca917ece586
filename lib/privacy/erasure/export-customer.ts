import type { Item } from '../../db/items';
import type { TableName } from '../../db/tables';
import { pseudonymFor } from '../pseudonym';
import { CUSTOMER_DATA } from './customer-data-registry';

export interface CustomerExport {
  customerId: string;
  exportedAt: string;
  /** The pseudonym this customer's data carries when it leaves the system for analysis. */
  pseudonym: string;
  /** Everything held about the customer, table by table (derived data — segment, scores, insights — included). */
  tables: Partial<Record<TableName, Item[]>>;
}

/**
 * One JSON document with everything held about the customer across every table that can hold it: each table's
 * owner says what of its rows the customer receives (./customer-data-registry.ts, in the registry's order).
 */
export async function exportCustomerData(customerId: string): Promise<CustomerExport> {
  const exporters = (Object.keys(CUSTOMER_DATA) as TableName[]).flatMap((table) => {
    const exportRows = CUSTOMER_DATA[table]?.export;
    return exportRows ? [{ table, exportRows }] : [];
  });
  const rows = await Promise.all(exporters.map(({ exportRows }) => exportRows(customerId)));
  return {
    customerId,
    exportedAt: new Date().toISOString(),
    pseudonym: pseudonymFor(customerId),
    tables: Object.fromEntries(exporters.map(({ table }, i) => [table, rows[i] ?? []])),
  };
}

/** A table as CSV: one row per item, one column per top-level attribute (nested values as JSON). */
export function toCsv(items: Item[]): string {
  const columns = [...new Set(items.flatMap((i) => Object.keys(i)))].sort();
  const cell = (value: unknown) => {
    const text =
      value === undefined || value === null
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [columns.join(','), ...items.map((i) => columns.map((c) => cell(i[c])).join(','))].join('\r\n') + '\r\n'
  );
}
