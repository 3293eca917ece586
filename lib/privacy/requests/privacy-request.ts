import { z } from 'zod';

export const REQUEST_KINDS = ['access', 'erasure'] as const;
export const REGIMES = ['gdpr', 'ccpa'] as const;
export const REQUEST_STATUSES = ['received', 'verifying', 'in_progress', 'completed', 'denied'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Days to answer, by law: GDPR one month (30 days here), CCPA 45 days. */
export const DUE_DAYS: Record<(typeof REGIMES)[number], number> = { gdpr: 30, ccpa: 45 };

/** The workflow: each status and where it may go next. */
export const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  received: ['verifying', 'denied'],
  verifying: ['in_progress', 'denied'],
  in_progress: ['completed', 'denied'],
  completed: [],
  denied: [],
};

const receiptStepSchema = z.object({
  table: z.string(),
  action: z.enum(['delete', 'anonymize', 'none']),
  items: z.number(),
  detail: z.string(),
});

export const privacyRequestSchema = z.object({
  requestId: z.string(),
  kind: z.enum(REQUEST_KINDS),
  regime: z.enum(REGIMES),
  /** After an erasure: the unlinkable reference, not the id. */
  customerId: z.string(),
  status: z.enum(REQUEST_STATUSES),
  receivedAt: z.string(),
  dueAt: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({
      at: z.string(),
      from: z.enum(REQUEST_STATUSES).nullable(),
      to: z.enum(REQUEST_STATUSES),
      by: z.string(),
      note: z.string().optional(),
    }),
  ),
  /** An erasure in progress: tables done so far. */
  progress: z.object({ done: z.number(), of: z.number(), table: z.string() }).optional(),
  /** An erasure's receipt: each store and what was done. */
  receipt: z.object({ erasedAt: z.string(), steps: z.array(receiptStepSchema) }).optional(),
  exportedAt: z.string().optional(),
});
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;

/** A request's history without the officers' free-text notes, which may name the customer. */
export const withoutNotes = (history: unknown) =>
  Array.isArray(history)
    ? history.map((h) =>
        Object.fromEntries(Object.entries(h as Record<string, unknown>).filter(([k]) => k !== 'note')),
      )
    : [];

const isFinal = (status: RequestStatus) => NEXT[status].length === 0;

/** Past its due date and not finished. */
export const isOverdue = (r: Pick<PrivacyRequest, 'status' | 'dueAt'>, now = new Date()) =>
  !isFinal(r.status) && Date.parse(r.dueAt) < now.getTime();
