import type { AuditActor } from '../privacy/audit/audit-entry';
import type { Actor } from './route';

/** Who an API request came from, as the audit log records it. */
export function auditActorFor(actor: Actor): AuditActor {
  return actor.kind === 'user' ? { kind: 'user', id: actor.email } : { kind: 'api_key', id: actor.keyId };
}
