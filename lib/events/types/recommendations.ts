import { z } from 'zod';
import { countSchema, experimentFields, idSchema, variantNeedsExperiment, whenFieldsValid } from '../fields';

/** Where the storefront shows recommendations; click-through rates are compared per placement. */
const PLACEMENTS = ['home', 'product_page', 'cart', 'checkout', 'search_results'] as const;
export type Placement = (typeof PLACEMENTS)[number];

const variantRule = {
  message: 'variant and experimentId go together: send both or neither',
  path: ['variant'],
  when: whenFieldsValid,
};

export const RECOMMENDATION_SHOWN_VERSION = 1;
export const recommendationShownProperties = z
  .strictObject({
    recommendationId: idSchema.describe('one showing; the click refers back to it'),
    productIds: z
      .array(idSchema)
      .min(1, 'needs at least one product')
      .max(50, 'at most 50 products')
      .describe('in the order shown'),
    placement: z.enum(PLACEMENTS),
    ...experimentFields,
  })
  .refine((p) => new Set(p.productIds).size === p.productIds.length, {
    message: 'productIds must not repeat a product',
    path: ['productIds'],
    when: whenFieldsValid,
  })
  .refine(variantNeedsExperiment, variantRule);

export const RECOMMENDATION_CLICKED_VERSION = 1;
export const recommendationClickedProperties = z
  .strictObject({
    recommendationId: idSchema.describe('the recommendation_shown this click belongs to'),
    productId: idSchema,
    position: countSchema.optional().describe('0-based rank in the shown list'),
    ...experimentFields,
  })
  .refine(variantNeedsExperiment, variantRule);
