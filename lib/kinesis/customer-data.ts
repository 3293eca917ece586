import { batchDelete } from '../db/batch';
import type { OwnerCustomerData } from '../db/customer-data';
import { scanItems, type Item } from '../db/items';

/** Records in dead letters are JSON events, kept as they arrived (base64); true when one is about the customer. */
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

/** Erasure of the dead letters about a customer (orchestrated by lib/privacy/erasure; not part of the export). */
export const KINESIS_CUSTOMER_DATA = {
  dead_letters: {
    erase: async (customerId) => {
      const letters = (await scanItems('dead_letters')).filter((l) => letterIsAbout(l, customerId));
      await batchDelete('dead_letters', letters);
      return { items: letters.length };
    },
  },
} satisfies OwnerCustomerData<'kinesis'>;
