import { getItem, updateItem } from '../../db/items';
import { unprocessable } from '../../errors/domain-error';
import { appendAudit } from '../audit/append-audit';
import type { AuditActor } from '../audit/audit-entry';
import { RETENTION_CLASSES, retentionClass } from './retention-classes';

const SETTINGS_KEY = 'settings:retention';

/** Days kept per class: the officers' choice where they made one, the default elsewhere. */
export async function getRetentionDays(): Promise<Record<string, number>> {
  const stored = (await getItem('privacy_requests', { requestId: SETTINGS_KEY }, { consistent: true }))
    ?.days as Record<string, number> | undefined;
  return Object.fromEntries(RETENTION_CLASSES.map((c) => [c.id, stored?.[c.id] ?? c.defaultDays]));
}

/** Changes some classes' days (each within its bounds, else unprocessable), audited. */
export async function setRetentionDays(
  changes: Record<string, number>,
  actor: AuditActor,
): Promise<Record<string, number>> {
  for (const [id, days] of Object.entries(changes)) {
    const c = retentionClass(id);
    if (!c) throw unprocessable(`There is no data class ${id}.`);
    if (!Number.isInteger(days) || days < c.minDays || days > c.maxDays)
      throw unprocessable(`${c.label}: keep between ${c.minDays} and ${c.maxDays} days (got ${days}).`);
  }
  const current = await getRetentionDays();
  // Only the classes changed are written, each at its own path: two officers changing different classes at once
  // both keep their change (a whole-map write would let the later one undo the earlier).
  await updateItem(
    'privacy_requests',
    { requestId: SETTINGS_KEY },
    'SET kind = :k, days = if_not_exists(days, :none)',
    {
      values: { ':k': 'settings', ':none': {} },
    },
  );
  const ids = Object.keys(changes);
  if (ids.length)
    await updateItem(
      'privacy_requests',
      { requestId: SETTINGS_KEY },
      `SET ${ids.map((_, i) => `days.#c${i} = :d${i}`).join(', ')}, updatedAt = :u`,
      {
        names: Object.fromEntries(ids.map((id, i) => [`#c${i}`, id])),
        values: {
          ...Object.fromEntries(ids.map((id, i) => [`:d${i}`, changes[id]])),
          ':u': new Date().toISOString(),
        },
      },
    );
  // Audited as this officer's change; another made at the same moment is audited under its own name.
  await appendAudit({
    action: 'retention.changed',
    actor,
    details: { from: current, to: { ...current, ...changes } },
  });
  return getRetentionDays();
}
