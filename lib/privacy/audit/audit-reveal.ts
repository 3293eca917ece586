import { appendAudit } from './append-audit';
import type { AuditActor } from './audit-entry';

/**
 * Records that a dashboard user was shown customers' personal data (names, contacts, addresses). One customer's
 * profile names them as the subject (erasure later removes the plain id); a list records only how many were shown —
 * never ids or the search text, which could itself be a name.
 */
export async function auditPiiReveal(
  user: { email: string },
  what: { customerId: string; where: string } | { shown: number; where: string },
): Promise<void> {
  const actor: AuditActor = { kind: 'user', id: user.email };
  if ('customerId' in what) {
    await appendAudit({
      action: 'pii.revealed',
      actor,
      subjectId: what.customerId,
      details: { where: what.where },
    });
  } else if (what.shown > 0) {
    await appendAudit({
      action: 'pii.revealed',
      actor,
      details: { where: what.where, customers: what.shown },
    });
  }
}
