import { z } from 'zod';
import { datetimeSchema, idSchema, whenFieldsValid } from '../fields';
import { type Purpose, PURPOSE_ALLOWS } from '../purposes';

const choice = (purpose: Purpose) => z.boolean().optional().describe(PURPOSE_ALLOWS[purpose]);

export const CONSENT_UPDATED_VERSION = 1;
export const consentUpdatedProperties = z.strictObject({
  // Only the purposes the customer changed; unknown purposes are rejected by the strict object.
  purposes: z
    .strictObject({
      essential: z
        .literal(true, { error: 'essential is always on and cannot be withdrawn' })
        .optional()
        .describe('order processing and security; cannot be withdrawn'),
      analytics: choice('analytics'),
      personalization: choice('personalization'),
      ai_processing: choice('ai_processing'),
      marketing: choice('marketing'),
    })
    .refine((p) => Object.values(p).some((v) => v !== undefined), {
      message: 'name at least one purpose',
      when: whenFieldsValid,
    })
    .describe('the purposes this change sets; others stay as they were'),
  policyVersion: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be 1–32 letters, digits, . _ or -')
    .describe('privacy policy version the customer saw'),
  gpc: z.boolean().describe('the browser sent a Global Privacy Control signal'),
});

export const CUSTOMER_ERASED_VERSION = 1;
export const customerErasedProperties = z.strictObject({
  requestId: idSchema.describe('the privacy request that ordered the erasure'),
  erasedAt: datetimeSchema.describe('when the operational data was erased'),
});
