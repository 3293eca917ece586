import { getItem, putItem } from '../../db/items';
import { appendAudit } from '../audit/append-audit';
import type { AuditActor } from '../audit/audit-entry';
import { RETENTION_CLASSES, retentionClass } from './retention-classes';

const SETTINGS_KEY = 'settings:retention';

export class RetentionOutOfRangeError extends Error {
  override name = 'RetentionOutOfRangeError';
}

/** Days kept per class: the officers' choice where they made one, the default elsewhere. */
export async function getRetentionDays(): Promise<Record<string, number>> {
  const stored = (await getItem('privacy_requests', { requestId: SETTINGS_KEY }, { consistent: true }))
    ?.days as Record<string, number> | undefined;
  return Object.fromEntries(RETENTION_CLASSES.map((c) => [c.id, stored?.[c.id] ?? c.defaultDays]));
}

/** Changes some classes' days (each within its bounds), audited. */
export async function setRetentionDays(
  changes: Record<string, number>,
  actor: AuditActor,
): Promise<Record<string, number>> {
  for (const [id, days] of Object.entries(changes)) {
    const c = retentionClass(id);
    if (!c) throw new RetentionOutOfRangeError(`There is no data class ${id}.`);
    if (!Number.isInteger(days) || days < c.minDays || days > c.maxDays)
      throw new RetentionOutOfRangeError(
        `${c.label}: keep between ${c.minDays} and ${c.maxDays} days (got ${days}).`,
      );
  }
  const current = await getRetentionDays();
  const next = { ...current, ...changes };
  await putItem('privacy_requests', {
    requestId: SETTINGS_KEY,
    kind: 'settings',
    days: next,
    updatedAt: new Date().toISOString(),
  });
  await appendAudit({ action: 'retention.changed', actor, details: { from: current, to: next } });
  return next;
}
