import { z } from 'zod';

/** What the audit log records: every consent change, officer action, PII reveal and export, and analyzer promotions. */
const AUDIT_ACTIONS = [
  'consent.changed',
  'pii.revealed',
  'request.created',
  'request.transitioned',
  'request.exported',
  'customer.erased',
  'retention.changed',
  'retention.swept',
  'audit.verified',
  /** An experiment's winner made the product's default analyzer (lib/experiments/promote-winner.ts). */
  'analyzer.promoted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditActorSchema = z.object({
  kind: z.enum(['user', 'api_key', 'system']),
  /** email of a user, key id of an API key, process name of the system */
  id: z.string(),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditEntrySchema = z.object({
  /** UTC day (YYYY-MM-DD): each day is one hash chain, so appends contend only within a day. */
  day: z.string(),
  /** Position in the day's chain, zero-padded so it sorts. */
  entryId: z.string(),
  at: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  actor: auditActorSchema,
  /**
   * The customer (or request) the action was about, in plain text for lookups. Not hashed: an erasure removes it.
   * The chain covers `subjectRef` instead, a keyed hash of it, so the link stays provable without the plain id.
   */
  subjectId: z.string().optional(),
  subjectRef: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What an entry's hash covers: everything but the hashes and the erasable plain subject id. */
export const auditBody = ({ prevHash: _p, hash: _h, subjectId: _s, ...body }: AuditEntry) => body;

export const auditGenesis = (day: string) => `audit:${day}`;
