import { scanItems } from '../../db/items';
import { findBrokenLink } from '../hash-chain';
import { keyedRef } from '../pseudonym';
import { auditBody, auditEntrySchema, auditGenesis, type AuditEntry } from './audit-entry';

export interface AuditVerification {
  entries: number;
  days: number;
  /** The first broken entry of each day whose chain does not hold. */
  broken: { day: string; entryId: string; reason: string }[];
}

/** Checks every day's chain of the audit log; an entry edited, removed or inserted in the table is reported. */
export async function verifyAudit(): Promise<AuditVerification> {
  const byDay = new Map<string, AuditEntry[]>();
  const broken: AuditVerification['broken'] = [];
  let entries = 0;
  for (const item of await scanItems('audit_log')) {
    entries++;
    const parsed = auditEntrySchema.safeParse(item);
    if (!parsed.success) {
      broken.push({ day: String(item.day), entryId: String(item.entryId), reason: 'not an audit entry' });
      continue;
    }
    const list = byDay.get(parsed.data.day) ?? [];
    list.push(parsed.data);
    byDay.set(parsed.data.day, list);
  }
  for (const [day, list] of [...byDay].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.entryId.localeCompare(b.entryId));
    const link = findBrokenLink(list, auditGenesis(day), auditBody);
    // The plain subject id is outside the hash (an erasure removes it); it must still match the hashed reference.
    const moved = list.findIndex(
      (e) => e.subjectId !== undefined && e.subjectRef !== keyedRef('audit-subject', e.subjectId),
    );
    const first = [link?.index, moved >= 0 ? moved : undefined]
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b)[0];
    if (first !== undefined)
      broken.push({
        day,
        entryId: (list[first] as AuditEntry).entryId,
        reason: link?.index === first ? link.reason : 'subject changed',
      });
  }
  return { entries, days: byDay.size, broken };
}
