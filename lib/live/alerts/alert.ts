import { z } from 'zod';

/**
 * An alert in `alerts`: what was detected, with its explanation (the deciding feature, expected against observed,
 * why), and its workflow — open → acknowledged → resolved (and back to open), snooze, assignee, comments, and the
 * history of every change. Ids are derived from what was detected, so detecting it again raises nothing new.
 */
const ALERT_KINDS = [
  'traffic_spike',
  'traffic_drop',
  'conversion_drop',
  'order_value',
  'early_churn',
  'cart_abandoned',
] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** Which status may follow which. */
export const ALERT_TRANSITIONS: Record<
  (typeof ALERT_STATUSES)[number],
  readonly (typeof ALERT_STATUSES)[number][]
> = {
  open: ['acknowledged', 'resolved'],
  acknowledged: ['resolved', 'open'],
  resolved: ['open'],
};

export const alertSchema = z.object({
  alertId: z.string(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  title: z.string(),
  /** The event type or customer it is about. */
  subject: z.string(),
  /** Present for alerts about one customer (erasure deletes them). */
  customerId: z.string().optional(),
  explanation: z.object({ feature: z.string(), expected: z.string(), observed: z.string(), why: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  assignee: z.string().optional(),
  snoozedUntil: z.string().optional(),
  comments: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  history: z.array(z.object({ at: z.string(), by: z.string(), change: z.string() })),
  /** Delivery to ALERT_WEBHOOK_URL, when one is configured (webhooks.ts). */
  webhook: z
    .object({
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: z.number().int(),
      at: z.string(),
      lastError: z.string().optional(),
    })
    .optional(),
  /** Alert version: every change is conditional on it, so two people acting at once cannot overwrite each other. */
  revision: z.number().int().nonnegative(),
});
export type Alert = z.infer<typeof alertSchema>;
