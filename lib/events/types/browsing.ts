import { z } from 'zod';
import { countSchema, currencySchema, idSchema, minorSchema, requiredOr, whenFieldsValid } from '../fields';

export const PAGE_VIEW_VERSION = 1;
export const pageViewProperties = z.strictObject({
  // Path only: query strings and fragments often carry emails, tokens or order numbers we must not store.
  path: z
    .string()
    .max(2048)
    .regex(/^\/[^?#\s]*$/, 'must be a path starting with / without query string or fragment')
    .describe('page path without query string or fragment'),
  referrer: z
    .url({ protocol: /^https?$/, error: requiredOr('must be an http(s) URL') })
    .max(2048)
    .optional()
    .describe('where the shopper came from'),
  title: z.string().min(1).max(300).optional().describe('page title as shown'),
});

export const PRODUCT_VIEW_VERSION = 1;
export const productViewProperties = z
  .strictObject({
    productId: idSchema,
    categoryId: idSchema.optional(),
    priceMinor: minorSchema.optional().describe('shelf price shown; needs currency'),
    currency: currencySchema.optional().describe('ISO 4217; needs priceMinor'),
  })
  // An amount without its currency (or the reverse) cannot be compared or summed.
  .refine((p) => (p.priceMinor === undefined) === (p.currency === undefined), {
    message: 'priceMinor and currency go together: send both or neither',
    path: ['currency'],
    when: whenFieldsValid,
  });

export const SEARCH_VERSION = 1;
export const searchProperties = z.strictObject({
  query: z.string().min(1).max(200).regex(/\S/, 'must not be blank').describe('what the shopper typed'),
  resultCount: countSchema.describe('products found; 0 marks a gap in the assortment'),
});

export const SESSION_END_VERSION = 1;
export const sessionEndProperties = z.strictObject({
  durationSeconds: countSchema.describe('from the first to the last event of the session'),
  eventCount: countSchema.min(1, 'a session has at least one event').describe('events in the session'),
  reason: z
    .enum(['inactivity', 'explicit'])
    .describe('inactivity: timed out after 30 minutes; explicit: sign-out or app closed'),
});
