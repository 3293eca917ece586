import { describe, expect, it } from 'vitest';
import { GET as verifyRoute } from '@/app/api/v1/privacy/audit/verify/route';
import { GET as getRetention, PUT as putRetention } from '@/app/api/v1/privacy/retention/route';
import { getItem, putItem } from '@/lib/db/items';
import { auditBody, auditGenesis, type AuditEntry } from '@/lib/privacy/audit/audit-entry';
import { chainHash } from '@/lib/privacy/hash-chain';
import { getRetentionDays, setRetentionDays } from '@/lib/privacy/retention/retention-settings';
import { sweepRetention } from '@/lib/privacy/retention/sweep-retention';
import { problem, request, sessionCookie } from './support/http';
import { useTestStack } from './support/test-stack';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A whole old day of the audit log, correctly chained. */
async function oldAuditDay(day: string, count: number) {
  let prevHash = auditGenesis(day);
  for (let n = 1; n <= count; n++) {
    const draft: AuditEntry = {
      day,
      entryId: String(n).padStart(8, '0'),
      at: `${day}T10:00:0${n}.000Z`,
      action: 'consent.changed',
      actor: { kind: 'system', id: 'test' },
      details: { n },
      prevHash,
      hash: '',
    };
    draft.hash = chainHash(prevHash, auditBody(draft));
    prevHash = draft.hash;
    await putItem('audit_log', draft);
  }
}

describe('retention', () => {
  useTestStack();

  it('previews, then deletes what is past retention per class, keeping the rest and the audit chains', async () => {
    await putItem('processed_events', { eventId: 'e-old', handler: 'h', processedAt: ago(30) });
    await putItem('processed_events', { eventId: 'e-new', handler: 'h', processedAt: ago(1) });
    await putItem('dead_letters', { deadLetterId: 'dl-old', handler: 'h', failedAt: ago(60), data: '' });
    await putItem('dead_letters', { deadLetterId: 'dl-new', handler: 'h', failedAt: ago(2), data: '' });
    const oldDay = new Date(Date.now() - 7 * 365 * DAY).toISOString().slice(0, 10);
    await oldAuditDay(oldDay, 3);

    const cookie = await sessionCookie('privacy');
    const preview = await getRetention(
      request('/api/v1/privacy/retention?preview=true', { headers: { cookie } }),
    );
    const body = (await preview.json()) as {
      preview: { id: string; items: number }[];
      classes: { id: string; days: number }[];
    };
    const count = (id: string) => body.preview.find((l) => l.id === id)?.items;
    expect(count('processing-marks')).toBe(1);
    expect(count('dead-letters')).toBe(1);
    expect(count('audit')).toBe(3);
    expect(body.classes.find((c) => c.id === 'dead-letters')?.days).toBe(30);
    expect(await getItem('dead_letters', { deadLetterId: 'dl-old' })).toBeDefined(); // a preview deletes nothing

    // Officers change a class within its bounds; outside them is a clear 422.
    const put = (days: Record<string, number>) =>
      putRetention(
        request('/api/v1/privacy/retention', {
          method: 'PUT',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ days }),
        }),
      );
    const tooShort = await put({ 'dead-letters': 3 });
    expect(tooShort.status).toBe(422);
    expect((await problem(tooShort)).detail).toContain('between 7 and 365 days');
    expect((await put({ nonsense: 10 })).status).toBe(422);
    expect((await put({ 'dead-letters': 90 })).status).toBe(200);

    const swept = await sweepRetention({ dryRun: false });
    expect(swept.find((l) => l.id === 'dead-letters')?.items).toBe(0); // 60 days old, now kept 90
    expect(swept.find((l) => l.id === 'processing-marks')?.items).toBe(1);
    expect(await getItem('processed_events', { eventId: 'e-old', handler: 'h' })).toBeUndefined();
    expect(await getItem('processed_events', { eventId: 'e-new', handler: 'h' })).toBeDefined();
    expect(await getItem('dead_letters', { deadLetterId: 'dl-old' })).toBeDefined();
    expect(await getItem('audit_log', { day: oldDay, entryId: '00000001' })).toBeUndefined();

    const verify = await verifyRoute(request('/api/v1/privacy/audit/verify', { headers: { cookie } }));
    expect(((await verify.json()) as { ok: boolean }).ok).toBe(true);

    const marketing = await getRetention(
      request('/api/v1/privacy/retention', { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(marketing.status).toBe(403);
  });

  it('keeps both of two officers’ changes to different classes made at the same moment', async () => {
    const officer = { kind: 'user' as const, id: 'privacy@example.com' };
    const other = { kind: 'user' as const, id: 'admin@example.com' };
    await Promise.all([
      setRetentionDays({ alerts: 200 }, officer),
      setRetentionDays({ 'dead-letters': 45 }, other),
    ]);
    expect(await getRetentionDays()).toMatchObject({ alerts: 200, 'dead-letters': 45 });
  });
});
