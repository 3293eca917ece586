import { batchDelete } from '../../db/batch';
import {
  ConditionFailedError,
  deleteItem,
  queryItems,
  scanItems,
  updateItem,
  type Item,
} from '../../db/items';
import { keyOf, TABLES, type TableName } from '../../db/tables';
import { eventIdFor } from '../../events';
import { forEachLimit } from '../../for-each-limit';
import { noteConsentChange } from '../consent/consent-changes';
import { forgetConsent } from '../consent/get-consent';
import { customerRows } from './customer-rows';
import { erasedReference } from './tombstones';

export interface ErasureStepResult {
  table: TableName;
  action: 'delete' | 'anonymize' | 'none';
  /** Items deleted or changed. */
  items: number;
  detail: string;
}

export interface ErasureContext {
  /** The request carrying out this erasure: it is anonymized by its own final save, not by the step. */
  requestId?: string;
}

type Step = (customerId: string, context: ErasureContext) => Promise<{ items: number; detail?: string }>;

/** An update of an item that may have gone meanwhile (retention, a racing erasure): never recreate it. */
async function updateIfPresent(
  table: TableName,
  item: Item,
  update: string,
  values?: Record<string, unknown>,
): Promise<boolean> {
  const key = keyOf(table, item);
  const keyName = Object.keys(key)[0] as string;
  try {
    await updateItem(table, key, update, {
      condition: 'attribute_exists(#key)',
      names: { '#key': keyName }, // key names can be reserved words (day)
      ...(values ? { values } : {}),
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** A request's history without the officers' free-text notes, which may name the customer. */
export const withoutNotes = (history: unknown) =>
  Array.isArray(history)
    ? history.map((h) =>
        Object.fromEntries(Object.entries(h as Record<string, unknown>).filter(([k]) => k !== 'note')),
      )
    : [];

async function deleteAll(table: TableName, items: Item[]): Promise<number> {
  await batchDelete(table, items);
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
    const orders = await customerRows('orders', customerId, 'by_customer');
    const reference = erasedReference(customerId);
    await forEachLimit(orders, 8, async (o) => {
      await updateIfPresent('orders', o, 'SET customerId = :r REMOVE fingerprint', {
        ':r': reference,
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
      (r) =>
        ours.has(String(r.eventId)) ||
        (r.order as { customerId?: unknown } | undefined)?.customerId === customerId,
    );
    return { items: await deleteAll('outbox', matching) };
  },
  customer_insights: async (customerId) => ({
    items: await deleteAll('customer_insights', await customerRows('customer_insights', customerId)),
  }),
  purchase_patterns: async (customerId) => ({
    items: await deleteAll('purchase_patterns', await customerRows('purchase_patterns', customerId)),
  }),
  consent: async (customerId) => {
    const entries = await customerRows('consent', customerId);
    await noteConsentChange(customerId); // other processes forget their cached answer too
    forgetConsent(customerId);
    return { items: await deleteAll('consent', entries) };
  },
  experiment_assignments: async (customerId) => ({
    items: await deleteAll(
      'experiment_assignments',
      await customerRows('experiment_assignments', customerId, 'by_customer'),
    ),
  }),
  experiment_observations: async (customerId) => {
    const rows = await scanItems('experiment_observations', {
      expression: 'customerId = :c',
      values: { ':c': customerId },
    });
    await forEachLimit(rows, 8, async (r) => {
      await updateIfPresent('experiment_observations', r, 'REMOVE customerId');
    });
    return { items: rows.length };
  },
  stream_aggregates: async (customerId) => ({
    items: await deleteAll(
      'stream_aggregates',
      // Rows keyed by the customer (activity), markers whose key holds them (`early_churn:<id>:…`), and rows that
      // name them (webhook deliveries).
      await scanItems('stream_aggregates', {
        expression: '#b = :c OR contains(#b, :inner) OR customerId = :c',
        names: { '#b': 'bucket' }, // a reserved word
        values: { ':c': customerId, ':inner': `:${customerId}:` },
      }),
    ),
  }),
  alerts: async (customerId) => ({
    items: await deleteAll('alerts', await customerRows('alerts', customerId, 'by_customer')),
  }),
  dead_letters: async (customerId) => ({
    items: await deleteAll(
      'dead_letters',
      (await scanItems('dead_letters')).filter((l) => letterIsAbout(l, customerId)),
    ),
  }),
  privacy_requests: async (customerId, context) => {
    const requests = (await customerRows('privacy_requests', customerId, 'by_customer')).filter(
      (r) => r.requestId !== context.requestId,
    );
    const reference = erasedReference(customerId);
    await forEachLimit(requests, 8, async (r) => {
      await updateIfPresent('privacy_requests', r, 'SET customerId = :r, history = :h', {
        ':r': reference,
        ':h': withoutNotes(r.history),
      });
    });
    return {
      items: requests.length + (context.requestId ? 1 : 0),
      detail: `customer id replaced by ${reference}; officers' notes removed`,
    };
  },
  audit_log: async (customerId) => {
    const entries = await queryItems('audit_log', {
      index: 'by_subject_time',
      keyCondition: 'subjectId = :s',
      values: { ':s': customerId },
    });
    await forEachLimit(entries, 8, async (e) => {
      await updateIfPresent('audit_log', e, 'REMOVE subjectId');
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
  context: ErasureContext,
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
      const done = await step(customerId, context);
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
