import { z } from 'zod';
import {
  currencySchema,
  datetimeSchema,
  idSchema,
  minorSchema,
  quantitySchema,
  whenFieldsValid,
} from '../fields';

const refundedItemSchema = z.strictObject({
  productId: idSchema,
  categoryId: idSchema.describe("the category of the order's line for this product"),
  quantity: quantitySchema.describe('units returned'),
});

export const ORDER_REFUNDED_VERSION = 1;
export const orderRefundedProperties = z
  .strictObject({
    orderId: idSchema.describe('the refunded order'),
    refundId: idSchema.describe('unique within its order; the event id is derived from orderId and refundId'),
    amountMinor: minorSchema
      .min(1, 'must be at least 1 minor unit')
      .describe('money given back by this refund'),
    currency: currencySchema,
    refundedAt: datetimeSchema.describe('when the refund was taken'),
    placedAt: datetimeSchema.describe('when the refunded order was placed: revenue is taken off that week'),
    orderTotalMinor: minorSchema.describe("the order's total as sold"),
    totalRefundedMinor: minorSchema.describe("the order's refunds so far, this one included"),
    items: z
      .array(refundedItemSchema)
      .min(1, 'leave items out rather than send none')
      .max(500, 'at most 500 items')
      .optional()
      .describe('what came back, when known'),
  })
  // Net values (revenue, spend, CLV) subtract refunds; a refund above what was sold would make them negative.
  .refine((p) => p.amountMinor <= p.totalRefundedMinor && p.totalRefundedMinor <= p.orderTotalMinor, {
    message: 'totalRefundedMinor must be at least amountMinor and at most orderTotalMinor',
    path: ['totalRefundedMinor'],
    when: whenFieldsValid,
  });
