import { queryItems, scanItems, type Item } from '../../db/items';
import type { TableName } from '../../db/tables';
import { pseudonymFor } from '../pseudonym';
import { customerRows } from './customer-rows';

export interface CustomerExport {
  customerId: string;
  exportedAt: string;
  /** The pseudonym this customer's data carries when it leaves the system for analysis. */
  pseudonym: string;
  /** Everything held about the customer, table by table (derived data — segment, scores, insights — included). */
  tables: Partial<Record<TableName, Item[]>>;
}

// Bookkeeping that says nothing about the customer is left out of what they receive.
const strip = (items: Item[], keys: string[]) =>
  items.map((i) => Object.fromEntries(Object.entries(i).filter(([k]) => !keys.includes(k))));

/** One JSON document with everything held about the customer across every table that can hold it. */
export async function exportCustomerData(customerId: string): Promise<CustomerExport> {
  const [
    customers,
    orders,
    consent,
    insights,
    patterns,
    assignments,
    observations,
    markers,
    alerts,
    requests,
    audit,
  ] = await Promise.all([
    customerRows('customers', customerId),
    customerRows('orders', customerId, 'by_customer'),
    customerRows('consent', customerId),
    customerRows('customer_insights', customerId),
    customerRows('purchase_patterns', customerId),
    customerRows('experiment_assignments', customerId, 'by_customer'),
    scanItems('experiment_observations', { expression: 'customerId = :c', values: { ':c': customerId } }),
    scanItems('stream_aggregates', {
      expression: '#b = :c',
      names: { '#b': 'bucket' }, // a reserved word
      values: { ':c': customerId },
    }),
    customerRows('alerts', customerId, 'by_customer'),
    customerRows('privacy_requests', customerId, 'by_customer'),
    queryItems('audit_log', {
      index: 'by_subject_time',
      keyCondition: 'subjectId = :s',
      values: { ':s': customerId },
    }),
  ]);
  return {
    customerId,
    exportedAt: new Date().toISOString(),
    pseudonym: pseudonymFor(customerId),
    tables: {
      customers,
      orders: strip(orders, ['fingerprint']),
      consent: strip(consent, ['pendingPublish']),
      customer_insights: insights,
      purchase_patterns: patterns,
      experiment_assignments: assignments,
      experiment_observations: observations,
      stream_aggregates: strip(markers, ['expiresAt']),
      alerts,
      privacy_requests: requests,
      audit_log: strip(audit, ['prevHash', 'hash', 'subjectRef']),
    },
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
