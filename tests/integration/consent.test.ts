import { describe, expect, it } from 'vitest';
import { GET as getHistory } from '@/app/api/v1/consent/[customerId]/history/route';
import { GET as getConsentRoute, PUT as putConsentRoute } from '@/app/api/v1/consent/[customerId]/route';
import { GET as getAudit } from '@/app/api/v1/privacy/audit/route';
import { GET as verifyRoute } from '@/app/api/v1/privacy/audit/verify/route';
import { getItem, putItem, updateItem } from '@/lib/db/items';
import { buildEntry } from '@/lib/privacy/consent/build-entry';
import { CONSENT_CACHE_MS } from '@/lib/privacy/consent/get-consent';
import { mayUse } from '@/lib/privacy/consent/may-use';
import { readLedger } from '@/lib/privacy/consent/read-ledger';
import { customerItemSchema } from '@/lib/customers/customer';
import { putStoredEdges } from '@/lib/segmentation/edges-store';
import { forgetCachedEdges, refreshSegmentsOnPurchase } from '@/lib/segmentation/refresh-on-purchase';
import { computeRfmEdges } from '@/lib/segmentation/rfm-edges';
import { sweepConsentEvents } from '@/lib/privacy/consent/sweep-consent-events';
import { closeEventPublisher } from '@/lib/stream/event-publisher';
import { params, problem, request, sessionCookie } from './support/http';
import { eventConsumer, waitFor } from './support/stream-kit';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

const NOTICE = 'We use your purchases to suggest products you may like. You can change this at any time.';

const put = (customerId: string, body: unknown, headers: Record<string, string> = {}) =>
  putConsentRoute(
    request(`/api/v1/consent/${customerId}`, {
      method: 'PUT',
      headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
    params({ customerId }),
  );

const get = async (customerId: string, headers: Record<string, string> = { 'x-api-key': TEST_DEMO_KEY }) => {
  const response = await getConsentRoute(
    request(`/api/v1/consent/${customerId}`, { headers }),
    params({ customerId }),
  );
  return {
    status: response.status,
    body: (await response.json()) as { purposes: Record<string, boolean>; defaulted: boolean },
  };
};

describe('consent ledger and its API', () => {
  useTestStack();

  it('starts from the opt-in defaults, records changes, and enforces them at once', async () => {
    const before = await get('cus_consent_1');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      defaulted: true,
      purposes: {
        essential: true,
        analytics: false,
        personalization: false,
        ai_processing: false,
        marketing: false,
      },
    });

    const granted = await put('cus_consent_1', {
      purposes: { analytics: true, personalization: true, marketing: true },
      policyVersion: '2026-11',
      notice: NOTICE,
    });
    expect(granted.status).toBe(200);
    expect(await mayUse('cus_consent_1', 'personalization')).toBe(true);

    const withdrawn = await put('cus_consent_1', {
      purposes: { personalization: false },
      policyVersion: '2026-11',
      notice: NOTICE,
    });
    expect(withdrawn.status).toBe(200);
    expect(await mayUse('cus_consent_1', 'personalization')).toBe(false);
    expect(await mayUse('cus_consent_1', 'analytics')).toBe(true); // untouched purposes stay
    expect((await get('cus_consent_1')).body.purposes).toEqual({
      essential: true,
      analytics: true,
      personalization: false,
      ai_processing: false,
      marketing: true,
    });

    const history = await getHistory(
      request('/api/v1/consent/cus_consent_1/history', { headers: { 'x-api-key': TEST_DEMO_KEY } }),
      params({ customerId: 'cus_consent_1' }),
    );
    const body = (await history.json()) as {
      entries: { seq: string; source: string }[];
      chain: { intact: boolean };
    };
    expect(body.entries.map((e) => e.seq)).toEqual(['0000000002', '0000000001']);
    expect(body.entries[0]?.source).toBe('storefront');
    expect(body.chain.intact).toBe(true);
    await closeEventPublisher();
  });

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
    await putItem('consent', { ...entry });
    const started = Date.now();
    await waitFor(
      async () => !(await mayUse(customerId, 'personalization')),
      5_000,
      'the withdrawal to be seen',
    );
    expect(Date.now() - started).toBeLessThanOrEqual(CONSENT_CACHE_MS + 500);
  });

  it('withdraws marketing when the browser sends Global Privacy Control, whatever the body says', async () => {
    const response = await put(
      'cus_consent_gpc',
      { purposes: { marketing: true, analytics: true }, policyVersion: '2026-11', notice: NOTICE },
      { 'sec-gpc': '1' },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { purposes: Record<string, boolean>; entry: { gpc: boolean } };
    expect(body.purposes).toMatchObject({ marketing: false, analytics: true });
    expect(body.entry.gpc).toBe(true);
    await closeEventPublisher();
  });

  it('ignores Global Privacy Control sent by an officer’s own browser', async () => {
    const response = await putConsentRoute(
      request('/api/v1/consent/cus_consent_officer', {
        method: 'PUT',
        headers: {
          cookie: await sessionCookie('privacy'),
          'content-type': 'application/json',
          'sec-gpc': '1',
        },
        body: JSON.stringify({ purposes: { marketing: true }, policyVersion: '1', notice: 'phone call' }),
      }),
      params({ customerId: 'cus_consent_officer' }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { purposes: { marketing: boolean } }).purposes.marketing).toBe(true);
    await closeEventPublisher();
  });

  it('refuses bad input with a clear 4xx', async () => {
    const unknown = await put('cus_consent_bad', {
      purposes: { profiling: true },
      policyVersion: '1',
      notice: NOTICE,
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify((await problem(unknown)).errors)).toContain('profiling');

    const essential = await put('cus_consent_bad', {
      purposes: { essential: false },
      policyVersion: '1',
      notice: NOTICE,
    });
    expect(essential.status).toBe(400);
    expect(JSON.stringify((await problem(essential)).errors)).toContain(
      'essential is always on and cannot be withdrawn',
    );

    const badId = await put('cus bad!', {
      purposes: { analytics: true },
      policyVersion: '1',
      notice: NOTICE,
    });
    expect(badId.status).toBe(400);
    expect(JSON.stringify((await problem(badId)).errors)).toContain('customerId');

    const noNotice = await put('cus_consent_bad', { purposes: { analytics: true }, policyVersion: '1' });
    expect(noNotice.status).toBe(400);
    const nothing = await put('cus_consent_bad', { purposes: {}, policyVersion: '1', notice: NOTICE });
    expect(nothing.status).toBe(400);
    expect(
      (await getItem('consent', { customerId: 'cus_consent_bad', seq: '0000000001' })) ?? null,
    ).toBeNull();
  });

  it('keeps marketing users out of consent and the audit log', async () => {
    const cookie = await sessionCookie('marketing');
    expect((await get('cus_consent_1', { cookie })).status).toBe(403);
    const audit = await getAudit(request('/api/v1/privacy/audit', { headers: { cookie } }));
    expect(audit.status).toBe(403);
    const officer = await getAudit(
      request('/api/v1/privacy/audit?subjectId=cus_consent_1', {
        headers: { cookie: await sessionCookie('privacy') },
      }),
    );
    expect(officer.status).toBe(200);
    const { entries } = (await officer.json()) as { entries: { action: string }[] };
    expect(entries.map((e) => e.action)).toEqual(['consent.changed', 'consent.changed']);
  });

  it('reports the first entry edited directly in the table, in a ledger and in the audit log', async () => {
    const cookie = await sessionCookie('privacy');
    const verify = async () =>
      (await (
        await verifyRoute(request('/api/v1/privacy/audit/verify', { headers: { cookie } }))
      ).json()) as {
        ok: boolean;
        audit: { broken: { day: string; entryId: string; reason: string }[] };
        consent: { broken: { customerId: string; seq: string; reason: string }[] };
      };
    expect((await verify()).ok).toBe(true);

    // Someone with table access grants personalization back behind the ledger's back.
    await updateItem(
      'consent',
      { customerId: 'cus_consent_1', seq: '0000000002' },
      'SET #s.personalization = :t',
      {
        names: { '#s': 'state' },
        values: { ':t': true },
      },
    );
    const day = new Date().toISOString().slice(0, 10);
    const first = (await getItem('audit_log', { day, entryId: '00000001' })) as Record<string, unknown>;
    await putItem('audit_log', { ...first, actor: { kind: 'user', id: 'someone-else@example.com' } });

    // Pointing an entry at another customer, outside the hashed content, is caught too.
    const second = (await getItem('audit_log', { day, entryId: '00000002' })) as Record<string, unknown>;
    await putItem('audit_log', { ...second, subjectId: 'cus_someone_else' });

    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.consent.broken).toEqual([
      { customerId: 'cus_consent_1', seq: '0000000002', reason: 'content changed' },
    ]);
    expect(report.audit.broken).toEqual([{ day, entryId: '00000001', reason: 'content changed' }]);
    // (one finding per day: the first; the subject change of entry 2 shows once entry 1 is repaired)
    await putItem('audit_log', first);
    expect((await verify()).audit.broken).toEqual([{ day, entryId: '00000002', reason: 'subject changed' }]);
  });

  it('publishes, through the sweeper, an event a crash left pending', async () => {
    // As if the process died right after writing the entry: it is still marked pending.
    await put('cus_consent_sweep', { purposes: { analytics: true }, policyVersion: '1', notice: NOTICE });
    await updateItem(
      'consent',
      { customerId: 'cus_consent_sweep', seq: '0000000001' },
      'SET pendingPublish = :p',
      {
        values: { ':p': 'consent' },
      },
    );
    expect(await sweepConsentEvents(60_000)).toBe(0); // still within the request's own grace
    expect(await sweepConsentEvents(0, Date.now() + 1)).toBe(1);
    expect(
      (await getItem('consent', { customerId: 'cus_consent_sweep', seq: '0000000001' }))?.pendingPublish,
    ).toBeUndefined();
    expect(await sweepConsentEvents(0, Date.now() + 1)).toBe(0);
    await closeEventPublisher();
  });
});
