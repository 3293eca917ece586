import { methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { appendAudit } from '@/lib/privacy/audit/append-audit';
import { verifyAudit } from '@/lib/privacy/audit/verify-audit';
import { verifyAllConsent } from '@/lib/privacy/consent/verify-consent';

export const dynamic = 'force-dynamic';

/** Checks the hash chains of the audit log and of every consent ledger; names the first broken entry of each. */
export const GET = route({ auth: { permission: 'privacy:read' } }, async ({ actor }) => {
  const [audit, consent] = await Promise.all([verifyAudit(), verifyAllConsent()]);
  const ok = audit.broken.length === 0 && consent.broken.length === 0;
  await appendAudit({
    action: 'audit.verified',
    actor: auditActorFor(actor),
    details: { ok, auditBroken: audit.broken.length, consentBroken: consent.broken.length },
  });
  return { ok, checkedAt: new Date().toISOString(), audit, consent };
});

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
