import { z } from 'zod';
import { CONSENT_SOURCES } from './consent-entry';

const choice = z.boolean();

/** The body of `PUT /consent/{customerId}`: the purposes this change sets, and what the customer was shown. */
export const consentRequestSchema = z
  .strictObject({
    purposes: z
      .strictObject({
        essential: z.literal(true, { error: 'essential is always on and cannot be withdrawn' }).optional(),
        analytics: choice.optional(),
        personalization: choice.optional(),
        ai_processing: choice.optional(),
        marketing: choice.optional(),
      })
      .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'name at least one purpose' }),
    policyVersion: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be 1–32 letters, digits, . _ or -'),
    /** The notice text shown to the customer (hashed and kept as its SHA-256), or that hash. */
    notice: z.string().min(1).max(100_000).optional(),
    noticeHash: z
      .string()
      .regex(/^[a-f0-9]{64}$/, 'must be a SHA-256 in lowercase hex')
      .optional(),
    /** Storefront keys may say the choice came from an import of older records. */
    source: z.enum(CONSENT_SOURCES).exclude(['officer', 'seed']).optional(),
  })
  .refine((b) => b.notice !== undefined || b.noticeHash !== undefined, {
    message: 'send the notice text shown to the customer (notice) or its SHA-256 (noticeHash)',
    path: ['notice'],
  });
export type ConsentRequest = z.infer<typeof consentRequestSchema>;
