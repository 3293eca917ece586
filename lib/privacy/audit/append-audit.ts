import { ConditionFailedError, putItem, queryItems } from '../../db/items';
import { chainHash } from '../hash-chain';
import { keyedRef } from '../pseudonym';
import { auditBody, auditGenesis, type AuditEntry } from './audit-entry';

const MAX_TRIES = 50;

export type AuditInput = Pick<AuditEntry, 'action' | 'actor' | 'subjectId' | 'details'>;

async function lastOfDay(day: string): Promise<{ entryId: string; hash: string } | undefined> {
  const [last] = await queryItems('audit_log', {
    keyCondition: '#day = :d',
    names: { '#day': 'day' }, // a reserved word
    values: { ':d': day },
    forward: false,
    limit: 1,
    consistent: true,
  });
  if (!last) return undefined;
  // Only the position and hash are needed to chain on; an edited entry must not stop the log (verify reports it).
  return { entryId: String(last.entryId), hash: String(last.hash ?? '') };
}

/**
 * Appends an entry to today's chain: linked to the day's last entry by its hash and written only if no one took
 * that position meanwhile (conditional put), so concurrent writers queue up instead of forking the chain.
 */
export async function appendAudit(input: AuditInput, now = new Date()): Promise<AuditEntry> {
  const day = now.toISOString().slice(0, 10);
  for (let attempt = 1; ; attempt++) {
    const last = await lastOfDay(day);
    const position = last ? Number(last.entryId) + 1 : 1;
    const prevHash = last?.hash ?? auditGenesis(day);
    const draft = {
      day,
      entryId: String(position).padStart(8, '0'),
      at: now.toISOString(),
      action: input.action,
      actor: input.actor,
      ...(input.subjectId
        ? { subjectId: input.subjectId, subjectRef: keyedRef('audit-subject', input.subjectId) }
        : {}),
      details: input.details,
      prevHash,
      hash: '',
    } satisfies AuditEntry;
    const entry: AuditEntry = { ...draft, hash: chainHash(prevHash, auditBody(draft)) };
    try {
      await putItem('audit_log', entry, { condition: 'attribute_not_exists(entryId)' });
      return entry;
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt >= MAX_TRIES) throw error;
      // Writers of the same day queue on its last position: back off with jitter so they spread out.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
    }
  }
}
