import { describe, expect, it } from 'vitest';
import { customerItemSchema } from '@/lib/customers/customer';
import { getItem, putItem } from '@/lib/db/items';
import { buildEntry } from '@/lib/privacy/consent/build-entry';
import {
  consentChangeRef,
  noteConsentChange,
  recentConsentChanges,
} from '@/lib/privacy/consent/consent-changes';
import { CONSENT_CACHE_MS } from '@/lib/privacy/consent/get-consent';
import { mayUse } from '@/lib/privacy/consent/may-use';
import { readLedger } from '@/lib/privacy/consent/read-ledger';
import { putStoredEdges } from '@/lib/analysis/segments/edges-store';
import { forgetCachedEdges, refreshSegmentsOnPurchase } from '@/lib/analysis/segments/assign-segment';
import { computeRfmEdges } from '@/lib/analysis/segments/rfm-edges';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { NOTICE, putConsent as put } from './support/consent';
import { eventConsumer, waitFor } from './support/stream-kit';
import { useTestStack } from './support/test-stack';

describe('consent withdrawals are enforced', () => {
  useTestStack();

  it('a withdrawal of personalization removes the segment within 5 s and stops rescoring', async () => {
    const customerId = 'cus_consent_seg';
    await put(customerId, {
      purposes: { analytics: true, personalization: true },
      policyVersion: '1',
      notice: NOTICE,
    });
    await putItem('customers', {
      customerId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      city: 'London',
      postcode: 'N1',
      createdAt: '2026-01-01T00:00:00.000Z',
      orderCount: 3,
      totalSpentMinor: 12_000,
      firstOrderAt: '2026-01-05T10:00:00.000Z',
      lastOrderAt: '2026-11-01T10:00:00.000Z',
      segment: 'Loyal',
      rfm: { recency: 4, frequency: 4, monetary: 3 },
      segmentHistory: [{ at: '2026-10-01T00:00:00.000Z', from: null, to: 'Loyal' }],
    });
    const consumer = eventConsumer('consent-worker');
    await consumer.start();
    const withdrawnAt = Date.now();
    expect(
      (await put(customerId, { purposes: { personalization: false }, policyVersion: '1', notice: NOTICE }))
        .status,
    ).toBe(200);
    await waitFor(
      async () => (await getItem('customers', { customerId }, { consistent: true }))?.segment === undefined,
      5_000,
      'the segment to be removed',
    );
    expect(Date.now() - withdrawnAt).toBeLessThan(5_000);
    const after = await getItem('customers', { customerId }, { consistent: true });
    expect(after).not.toHaveProperty('rfm');
    expect(after).not.toHaveProperty('segmentHistory');
    // Rescoring on a later purchase does not bring it back, while it scores a customer who allows personalization.
    const other = 'cus_consent_seg_ok';
    await put(other, { purposes: { personalization: true }, policyVersion: '1', notice: NOTICE });
    const { segmentVersion: _v, ...plain } = after ?? {};
    await putItem('customers', { ...plain, customerId: other });
    const both = [after, await getItem('customers', { customerId: other })].map((c) =>
      customerItemSchema.parse(c),
    );
    await putStoredEdges(computeRfmEdges(both, new Date()));
    forgetCachedEdges();
    await refreshSegmentsOnPurchase([customerId, other]);
    expect((await getItem('customers', { customerId }, { consistent: true }))?.segment).toBeUndefined();
    expect((await getItem('customers', { customerId: other }, { consistent: true }))?.segment).toEqual(
      expect.any(String),
    );
    await consumer.stop();
    await closeEventPublisher();
  });

  it('another process sees a withdrawal within its cache time', async () => {
    const customerId = 'cus_consent_remote';
    await put(customerId, { purposes: { personalization: true }, policyVersion: '1', notice: NOTICE });
    expect(await mayUse(customerId, 'personalization')).toBe(true); // now cached here
    // Another process appends the withdrawal: this one is not told directly.
    const [last] = await readLedger(customerId).then((l) => l.slice(-1));
    const entry = buildEntry(customerId, last, {
      at: new Date().toISOString(),
      changes: { personalization: false },
      policyVersion: '1',
      noticeHash: 'a'.repeat(64),
      source: 'storefront',
      actor: 'api_key:other',
      gpc: false,
    });
    // As appendConsent does: the change mark first, then the entry.
    await noteConsentChange(customerId);
    await putItem('consent', { ...entry });
    const started = Date.now();
    await waitFor(
      async () => !(await mayUse(customerId, 'personalization')),
      5_000,
      'the withdrawal to be seen',
    );
    expect(Date.now() - started).toBeLessThanOrEqual(CONSENT_CACHE_MS + 500);
    expect(await recentConsentChanges()).toContain(consentChangeRef(customerId));
  });
});
