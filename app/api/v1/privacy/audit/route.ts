import { z } from 'zod';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';
import { methodNotAllowed, route } from '@/lib/http/route';
import { listAuditDay, listAuditForSubject } from '@/lib/privacy/audit/list-audit';

export const dynamic = 'force-dynamic';

const cursorSchema = z.object({ day: z.iso.date(), entryId: z.string().regex(/^\d{8}$/) });

export const GET = route(
  {
    auth: { permission: 'privacy:read' },
    query: z.strictObject({
      day: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
      subjectId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -')
        .optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().optional(),
    }),
  },
  async ({ query }) => {
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
  },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
