import { TABLES, type TableName } from '../../db/tables';
import { CUSTOMER_DATA } from './customer-data-registry';
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

/**
 * Carries out every table's erasure rule for the customer, in registry order, through the tables' owners
 * (./customer-data-registry.ts); the receipt lists what was done. Each owner's step is idempotent, so an
 * interrupted erasure is finished by running it again.
 */
export async function eraseCustomerData(
  customerId: string,
  context: ErasureContext,
  onStep?: (done: number, of: number, table: TableName) => Promise<void> | void,
): Promise<ErasureStepResult[]> {
  const receipt: ErasureStepResult[] = [];
  // Owners get the unlinkable reference from here, so none of them needs privacy's key.
  const ownerContext = { ...context, reference: erasedReference(customerId) };
  // Orders before the outbox: the outbox step finds the orders by their new reference.
  const order = [...TABLES].sort((a, b) => (a.name === 'outbox' ? 1 : 0) - (b.name === 'outbox' ? 1 : 0));
  for (const table of order) {
    const handler = CUSTOMER_DATA[table.name];
    const rule = table.erasure;
    if (!handler || rule.action === 'none') {
      receipt.push({
        table: table.name,
        action: 'none',
        items: 0,
        detail: rule.action === 'none' ? rule.why : '',
      });
    } else {
      const done = await handler.erase(customerId, ownerContext);
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
