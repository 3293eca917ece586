import { queryPage } from '../../db/items';
import { auditEntrySchema, type AuditEntry } from './audit-entry';

/** A day's entries, newest first, a page at a time (`startKey` from the previous page). */
export async function listAuditDay(
  day: string,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ entries: AuditEntry[]; nextKey?: Record<string, unknown> }> {
  const page = await queryPage('audit_log', {
    keyCondition: '#day = :d',
    names: { '#day': 'day' },
    values: { ':d': day },
    forward: false,
    limit,
    startKey,
  });
  return {
    entries: page.items.flatMap((i) => auditEntrySchema.safeParse(i).data ?? []),
    nextKey: page.nextKey,
  };
}

/** Everything recorded about one customer or request, newest first. */
export async function listAuditForSubject(subjectId: string, limit: number): Promise<AuditEntry[]> {
  const page = await queryPage('audit_log', {
    index: 'by_subject_time',
    keyCondition: 'subjectId = :s',
    values: { ':s': subjectId },
    forward: false,
    limit,
  });
  return page.items.flatMap((i) => auditEntrySchema.safeParse(i).data ?? []);
}
