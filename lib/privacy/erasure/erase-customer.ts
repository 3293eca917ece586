import { batchDelete } from '../../db/batch';
import { deleteItem, queryItems, scanItems, updateItem, type Item } from '../../db/items';
import { TABLES, type TableName } from '../../db/tables';
import { eventIdFor } from '../../events';
import { forEachLimit } from '../../for-each-limit';
import { forgetConsent } from '../consent/get-consent';
import { erasedReference } from './tombstones';

export interface ErasureStepResult {
  table: TableName;
  action: 'delete' | 'anonymize' | 'none';
  /** Items deleted or changed. */
  items: number;
  detail: string;
}

type Step = (customerId: string) => Promise<{ items: number; detail?: string }>;

const byCustomer = (table: TableName, index?: string) => (customerId: string) =>
  queryItems(table, { index, keyCondition: 'customerId = :c', values: { ':c': customerId } });

async function deleteKeys(table: TableName, items: Item[], keyNames: string[]): Promise<number> {
  await batchDelete(
    table,
    items.map((i) => Object.fromEntries(keyNames.map((k) => [k, i[k]]))),
  );
  return items.length;
}

/** Records on the stream and in dead letters are JSON events; true when one is about the customer. */
function letterIsAbout(letter: Item, customerId: string): boolean {
  try {
    const event = JSON.parse(Buffer.from(String(letter.data ?? ''), 'base64').toString('utf8')) as {
      customerId?: unknown;
    };
    return event.customerId === customerId;
  } catch {
    return false;
  }
}

/**
 * What erasing a customer does, table by table: the registry's rule (`erasure` in lib/db/tables.ts) carried out.
 * A `Record` over every table name: a table added to the registry without a step here fails the type check.
 * Erasure is the one job that reaches into every domain's tables; each step is idempotent, so an interrupted
 * erasure is finished by running it again.
 */
export const ERASURE_STEPS: Record<TableName, Step | null> = {
  users: null,
  api_keys: null,
  products: null,
  analysis_runs: null,
  experiments: null,
  stream_leases: null,
  processed_events: null,
  customers: async (customerId) => {
    await deleteItem('customers', { customerId });
    return { items: 1 };
  },
  orders: async (customerId) => {
    const orders = await byCustomer('orders', 'by_customer')(customerId);
    const reference = erasedReference(customerId);
    await forEachLimit(orders, 8, async (o) => {
      await updateItem('orders', { orderId: o.orderId }, 'SET customerId = :r REMOVE fingerprint', {
        values: { ':r': reference },
      });
    });
    return { items: orders.length, detail: `customer id replaced by ${reference}` };
  },
  outbox: async (customerId) => {
    // Rows are keyed by the event id, derived from the order id; the orders were found (and anonymized) by the
    // step above, so look them up by their new reference.
    const orders = await queryItems('orders', {
      index: 'by_customer',
      keyCondition: 'customerId = :c',
      values: { ':c': erasedReference(customerId) },
    });
    const rows = await scanItems('outbox');
    const ours = new Set(orders.map((o) => eventIdFor('purchase', String(o.orderId))));
    const matching = rows.filter(
      (r) => ours.has(String(r.eventId)) || JSON.stringify(r).includes(customerId),
    );
    return { items: await deleteKeys('outbox', matching, ['eventId']) };
  },
  customer_insights: async (customerId) => ({
    items: await deleteKeys('customer_insights', await byCustomer('customer_insights')(customerId), [
      'customerId',
      'version',
    ]),
  }),
  purchase_patterns: async (customerId) => ({
    items: await deleteKeys('purchase_patterns', await byCustomer('purchase_patterns')(customerId), [
      'customerId',
      'categoryId',
    ]),
  }),
  consent: async (customerId) => {
    const entries = await byCustomer('consent')(customerId);
    forgetConsent(customerId);
    return { items: await deleteKeys('consent', entries, ['customerId', 'seq']) };
  },
  experiment_assignments: async (customerId) => ({
    items: await deleteKeys(
      'experiment_assignments',
      await byCustomer('experiment_assignments', 'by_customer')(customerId),
      ['experimentId', 'customerId'],
    ),
  }),
  experiment_observations: async (customerId) => {
    const rows = await scanItems('experiment_observations', {
      expression: 'customerId = :c',
      values: { ':c': customerId },
    });
    await forEachLimit(rows, 8, async (r) => {
      await updateItem(
        'experiment_observations',
        { experimentId: r.experimentId, cell: r.cell },
        'REMOVE customerId',
      );
    });
    return { items: rows.length };
  },
  stream_aggregates: async (customerId) => ({
    items: await deleteKeys(
      'stream_aggregates',
      await scanItems('stream_aggregates', {
        expression: '#b = :c',
        names: { '#b': 'bucket' }, // a reserved word
        values: { ':c': customerId },
      }),
      ['metric', 'bucket'],
    ),
  }),
  alerts: async (customerId) => ({
    items: await deleteKeys('alerts', await byCustomer('alerts', 'by_customer')(customerId), ['alertId']),
  }),
  dead_letters: async (customerId) => ({
    items: await deleteKeys(
      'dead_letters',
      (await scanItems('dead_letters')).filter((l) => letterIsAbout(l, customerId)),
      ['deadLetterId'],
    ),
  }),
  privacy_requests: async (customerId) => {
    const requests = await byCustomer('privacy_requests', 'by_customer')(customerId);
    const reference = erasedReference(customerId);
    await forEachLimit(requests, 8, async (r) => {
      await updateItem('privacy_requests', { requestId: r.requestId }, 'SET customerId = :r', {
        values: { ':r': reference },
      });
    });
    return { items: requests.length, detail: `customer id replaced by ${reference}` };
  },
  audit_log: async (customerId) => {
    const entries = await queryItems('audit_log', {
      index: 'by_subject_time',
      keyCondition: 'subjectId = :s',
      values: { ':s': customerId },
    });
    await forEachLimit(entries, 8, async (e) => {
      await updateItem('audit_log', { day: e.day, entryId: e.entryId }, 'REMOVE subjectId');
    });
    return {
      items: entries.length,
      detail: 'plain subject id removed; the keyed reference stays in the chain',
    };
  },
};

/** Carries out every table's erasure rule for the customer, in registry order; the receipt lists what was done. */
export async function eraseCustomerData(
  customerId: string,
  onStep?: (done: number, of: number, table: TableName) => Promise<void> | void,
): Promise<ErasureStepResult[]> {
  const receipt: ErasureStepResult[] = [];
  // Orders before the outbox: the outbox step finds the orders by their new reference.
  const order = [...TABLES].sort((a, b) => (a.name === 'outbox' ? 1 : 0) - (b.name === 'outbox' ? 1 : 0));
  for (const table of order) {
    const step = ERASURE_STEPS[table.name];
    const rule = table.erasure;
    if (!step || rule.action === 'none') {
      receipt.push({
        table: table.name,
        action: 'none',
        items: 0,
        detail: rule.action === 'none' ? rule.why : '',
      });
    } else {
      const done = await step(customerId);
      receipt.push({
        table: table.name,
        action: rule.action,
        items: done.items,
        detail: done.detail ?? rule.how,
      });
    }
    await onStep?.(receipt.length, TABLES.length, table.name);
  }
  return receipt;
}
