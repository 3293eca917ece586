import { describe, expect, it } from 'vitest';
import { GET as getHistory } from '@/app/api/v1/consent/[customerId]/history/route';
import { GET as getConsentRoute, PUT as putConsentRoute } from '@/app/api/v1/consent/[customerId]/route';
import { GET as getAudit } from '@/app/api/v1/privacy/audit/route';
import { GET as verifyRoute } from '@/app/api/v1/privacy/audit/verify/route';
import { getItem, putItem, updateItem } from '@/lib/db/items';
import { mayUse } from '@/lib/privacy/consent/may-use';
import { sweepConsentEvents } from '@/lib/privacy/consent/sweep-consent-events';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { params, problem, request, sessionCookie } from './support/http';
import { NOTICE, putConsent as put } from './support/consent';
import { TEST_DEMO_KEY, useTestStack } from './support/test-stack';

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
    // A crafted cursor is a clear 400, not a store error.
    const crafted = Buffer.from(JSON.stringify({ day: '2026-11-25', entryId: '' })).toString('base64url');
    const badCursor = await getAudit(
      request(`/api/v1/privacy/audit?cursor=${crafted}`, {
        headers: { cookie: await sessionCookie('privacy') },
      }),
    );
    expect(badCursor.status).toBe(400);
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
