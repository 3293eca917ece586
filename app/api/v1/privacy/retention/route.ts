import { z } from 'zod';
import { methodNotAllowed, route } from '@/lib/http/route';
import { auditActorFor } from '@/lib/http/audit-actor';
import { RETENTION_CLASSES } from '@/lib/privacy/retention/retention-classes';
import { getRetentionDays, setRetentionDays } from '@/lib/privacy/retention/retention-settings';
import { sweepRetention } from '@/lib/privacy/retention/sweep-retention';

export const dynamic = 'force-dynamic';

const classesWith = (days: Record<string, number>) =>
  RETENTION_CLASSES.map((c) => ({
    id: c.id,
    label: c.label,
    table: c.table,
    days: days[c.id] ?? c.defaultDays,
    defaultDays: c.defaultDays,
    minDays: c.minDays,
    maxDays: c.maxDays,
    why: c.why,
  }));

/** The retention of each data class; `?preview=true` adds what the next sweep would delete (a dry run). */
export const GET = route(
  {
    auth: { permission: 'privacy:read' },
    query: z.strictObject({ preview: z.enum(['true', 'false']).default('false') }),
  },
  async ({ query }) => ({
    classes: classesWith(await getRetentionDays()),
    ...(query.preview === 'true' ? { preview: await sweepRetention({ dryRun: true }) } : {}),
  }),
);

export const PUT = route(
  {
    auth: { permission: 'privacy:write' },
    body: z.strictObject({ days: z.record(z.string(), z.number().int()) }),
    maxBodyBytes: 8 * 1024,
  },
  async ({ body, actor }) => ({
    classes: classesWith(await setRetentionDays(body.days, auditActorFor(actor))),
  }),
);

const notAllowed = methodNotAllowed(['GET', 'PUT']);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
