import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../paging/cursor';
import type { AuditEntry } from './audit-entry';
import { listAuditDay, listAuditForSubject } from './list-audit';

const cursorSchema = z.object({ day: z.iso.date(), entryId: z.string().regex(/^\d{8}$/) });

export interface AuditPage {
  /** The day listed; absent when listing one subject across days. */
  day?: string;
  entries: AuditEntry[];
  nextCursor: string | null;
}

/**
 * The audit trail as the Privacy page pages through it: one subject's entries, or one day's (today unless given) a
 * page at a time. A cursor is valid only for the day it was issued for.
 */
export async function listAuditPage(query: {
  day?: string;
  subjectId?: string;
  limit: number;
  cursor?: string;
}): Promise<AuditPage> {
  if (query.subjectId) {
    return { entries: await listAuditForSubject(query.subjectId, query.limit), nextCursor: null };
  }
  const day = query.day ?? new Date().toISOString().slice(0, 10);
  const start = query.cursor ? decodeCursor(query.cursor, cursorSchema) : undefined;
  if (start && start.day !== day) decodeCursor('', cursorSchema); // a cursor of another day is refused
  const page = await listAuditDay(day, query.limit, start);
  return {
    day,
    entries: page.entries,
    nextCursor: page.nextKey ? encodeCursor(cursorSchema.parse(page.nextKey)) : null,
  };
}
