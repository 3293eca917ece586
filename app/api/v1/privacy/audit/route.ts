import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { listAuditPage } from '@/lib/privacy/audit/list-audit-page';

export const dynamic = 'force-dynamic';

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
  async ({ query }) => listAuditPage(query),
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
