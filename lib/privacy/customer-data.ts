import { batchDelete } from '../db/batch';
import type { OwnerCustomerData } from '../db/customer-data';
import { customerRows, withoutAttributes } from '../db/customer-rows';
import { queryItems } from '../db/items';
import { updateIfPresent } from '../db/update-if-present';
import { forEachLimit } from '../for-each-limit';
import { noteConsentChange } from './consent/consent-changes';
import { forgetConsent } from './consent/get-consent';
import { withoutNotes } from './requests/privacy-request';

const auditEntriesAbout = (customerId: string) =>
  queryItems('audit_log', {
    index: 'by_subject_time',
    keyCondition: 'subjectId = :s',
    values: { ':s': customerId },
  });

/**
 * Erasure and access export of privacy's own rows about a customer: their consent ledger, their requests and the
 * audit entries naming them (orchestrated by ./erasure/erase-customer.ts and ./erasure/export-customer.ts).
 */
export const PRIVACY_CUSTOMER_DATA = {
  consent: {
    erase: async (customerId) => {
      const entries = await customerRows('consent', customerId);
      await noteConsentChange(customerId); // other processes forget their cached answer too
      forgetConsent(customerId);
      await batchDelete('consent', entries);
      return { items: entries.length };
    },
    // (the publishing flag is bookkeeping, nothing about the customer)
    export: async (customerId) =>
      withoutAttributes(await customerRows('consent', customerId), ['pendingPublish']),
  },
  privacy_requests: {
    erase: async (customerId, { requestId, reference }) => {
      const requests = (await customerRows('privacy_requests', customerId, 'by_customer')).filter(
        (r) => r.requestId !== requestId,
      );
      await forEachLimit(requests, 8, async (r) => {
        await updateIfPresent('privacy_requests', r, 'SET customerId = :r, history = :h', {
          ':r': reference,
          ':h': withoutNotes(r.history),
        });
      });
      return {
        items: requests.length + (requestId ? 1 : 0),
        detail: `customer id replaced by ${reference}; officers' notes removed`,
      };
    },
    export: (customerId) => customerRows('privacy_requests', customerId, 'by_customer'),
  },
  audit_log: {
    erase: async (customerId) => {
      const entries = await auditEntriesAbout(customerId);
      await forEachLimit(entries, 8, async (e) => {
        await updateIfPresent('audit_log', e, 'REMOVE subjectId');
      });
      return {
        items: entries.length,
        detail: 'plain subject id removed; the keyed reference stays in the chain',
      };
    },
    // (the chain's hashes and the keyed reference are bookkeeping, nothing the customer can read)
    export: async (customerId) =>
      withoutAttributes(await auditEntriesAbout(customerId), ['prevHash', 'hash', 'subjectRef']),
  },
} satisfies OwnerCustomerData<'privacy'>;
