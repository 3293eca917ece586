import { z } from 'zod';
import {
  currencySchema,
  datetimeSchema,
  idSchema,
  minorSchema,
  quantitySchema,
  whenFieldsValid,
} from '../fields';

const purchaseItemSchema = z.strictObject({
  productId: idSchema,
  categoryId: idSchema,
  quantity: quantitySchema,
  unitPriceMinor: minorSchema.describe('price of one unit'),
});

export const PURCHASE_VERSION = 1;
export const purchaseProperties = z
  .strictObject({
    orderId: idSchema.describe('the stored order; the event id is derived from it'),
    totalMinor: minorSchema.describe('sum of quantity × unitPriceMinor over items'),
    currency: currencySchema,
    items: z.array(purchaseItemSchema).min(1, 'needs at least one item').max(500, 'at most 500 items'),
    placedAt: datetimeSchema.describe('when the order was placed'),
  })
  // Revenue, CLV and RFM monetary scores all add up totals; a total that disagrees with its lines would skew them.
  .refine((p) => p.totalMinor === p.items.reduce((sum, i) => sum + i.quantity * i.unitPriceMinor, 0), {
    message: 'totalMinor must equal the sum of quantity × unitPriceMinor over items',
    path: ['totalMinor'],
    when: whenFieldsValid,
  });
