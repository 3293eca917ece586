import { z } from 'zod';
import { auditActorFor } from '@/lib/http/audit-actor';
import { notFound } from '@/lib/errors/domain-error';
import { methodNotAllowed, route } from '@/lib/http/route';
import { ALERT_STATUSES } from '@/lib/live/alerts/alert';
import { changeAlert, getAlert } from '@/lib/live/alerts/alert-store';

export const dynamic = 'force-dynamic';

const params = z.object({
  alertId: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,200}$/, 'must be an alert id such as order_value:ord_000042_0007'),
});

export const GET = route({ auth: { permission: 'live:read' }, params }, async ({ params: p }) => {
  const alert = await getAlert(p.alertId);
  if (!alert) throw notFound(`No alert ${p.alertId}.`);
  return { alert };
});

/** The workflow: acknowledge, resolve or reopen, assign, snooze, comment — any of them in one request. */
export const PATCH = route(
  {
    auth: { permission: 'alerts:write' },
    params,
    body: z
      .strictObject({
        status: z.enum(ALERT_STATUSES).optional(),
        assignee: z.email().nullable().optional(),
        snoozedUntil: z.iso.datetime({ message: 'snoozedUntil must be an ISO time' }).nullable().optional(),
        comment: z.string().trim().min(1).max(2000).optional(),
        revision: z.number().int().nonnegative().optional(),
      })
      .refine((b) => Object.keys(b).some((k) => k !== 'revision'), {
        message: 'send at least one of status, assignee, snoozedUntil, comment',
      }),
    maxBodyBytes: 8 * 1024,
  },
  async ({ params: p, body, actor }) => ({
    alert: await changeAlert(p.alertId, body, auditActorFor(actor).id),
  }),
);

const notAllowed = methodNotAllowed(['GET', 'PATCH']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
