import { batchDelete } from '../db/batch';
import type { OwnerCustomerData } from '../db/customer-data';
import { customerRows } from '../db/customer-rows';
import { scanItems } from '../db/items';
import { updateIfPresent } from '../db/update-if-present';
import { forEachLimit } from '../for-each-limit';

// Sums and markers hold no one; only rows that still carry a customer id are about them.
const observationsOf = (customerId: string) =>
  scanItems('experiment_observations', { expression: 'customerId = :c', values: { ':c': customerId } });

/** Erasure and access export of a customer's assignments and observations (orchestrated by lib/privacy/erasure). */
export const EXPERIMENTS_CUSTOMER_DATA = {
  experiment_assignments: {
    erase: async (customerId) => {
      const assignments = await customerRows('experiment_assignments', customerId, 'by_customer');
      await batchDelete('experiment_assignments', assignments);
      return { items: assignments.length };
    },
    export: (customerId) => customerRows('experiment_assignments', customerId, 'by_customer'),
  },
  experiment_observations: {
    erase: async (customerId) => {
      const rows = await observationsOf(customerId);
      await forEachLimit(rows, 8, async (r) => {
        await updateIfPresent('experiment_observations', r, 'REMOVE customerId');
      });
      return { items: rows.length };
    },
    export: observationsOf,
  },
} satisfies OwnerCustomerData<'experiments'>;
