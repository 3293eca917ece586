import { z } from 'zod';
import type { Purpose } from '../../events/purposes';

export const CONSENT_SOURCES = ['storefront', 'import', 'officer', 'seed'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

const choices = z.object({
  essential: z.boolean().optional(),
  analytics: z.boolean().optional(),
  personalization: z.boolean().optional(),
  ai_processing: z.boolean().optional(),
  marketing: z.boolean().optional(),
});

export const consentStateSchema = z.object({
  essential: z.boolean(),
  analytics: z.boolean(),
  personalization: z.boolean(),
  ai_processing: z.boolean(),
  marketing: z.boolean(),
});
export type ConsentState = z.infer<typeof consentStateSchema>;
export type ConsentChanges = Partial<Record<Purpose, boolean>>;

/** One entry of a customer's append-only consent ledger, as stored in `consent`. */
export const consentEntrySchema = z.object({
  customerId: z.string(),
  /** Position in the customer's chain, zero-padded so it sorts. */
  seq: z.string(),
  at: z.string(),
  /** What this entry set (only the purposes named). */
  changes: choices,
  /** Every purpose after this entry. */
  state: consentStateSchema,
  policyVersion: z.string(),
  /** SHA-256 of the notice text the customer was shown. */
  noticeHash: z.string(),
  source: z.enum(CONSENT_SOURCES),
  /** Who recorded it: the API key id, the officer's email, or the seed. */
  actor: z.string(),
  /** The browser sent Global Privacy Control (Sec-GPC: 1), which withdraws `marketing`. */
  gpc: z.boolean(),
  prevHash: z.string(),
  hash: z.string(),
  /** Present until the entry's consent_updated event is confirmed published (not hashed: bookkeeping). */
  pendingPublish: z.string().optional(),
});
export type ConsentEntry = z.infer<typeof consentEntrySchema>;

export const consentBody = ({ prevHash: _p, hash: _h, pendingPublish: _q, ...body }: ConsentEntry) => body;
export const consentGenesis = (customerId: string) => `consent:${customerId}`;
export const seqOf = (n: number) => String(n).padStart(10, '0');
