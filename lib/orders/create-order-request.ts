import { z } from 'zod';
import { customerIdSchema } from '../customers/customer';
import { MAX_MINOR } from '../events/fields';
import { decimalToMinor } from './money';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

const line = z
  .strictObject({
    productId: id,
    categoryId: id.optional(),
    quantity: z.number().int('must be a whole number').min(1).max(999),
    unitPriceMinor: z
      .number()
      .int('must be whole minor units (cents), or send unitPrice as "12.99"')
      .min(0)
      .optional(),
    unitPrice: z.string().optional(),
  })
  .transform((l, ctx) => {
    if ((l.unitPriceMinor === undefined) === (l.unitPrice === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'send exactly one of unitPriceMinor (integer) or unitPrice ("12.99")',
      });
      return z.NEVER;
    }
    const minor = l.unitPriceMinor ?? decimalToMinor(l.unitPrice ?? '');
    if (minor === undefined || minor > MAX_MINOR) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitPrice'],
        message: 'must be a decimal string with at most 2 decimals',
      });
      return z.NEVER;
    }
    return { productId: l.productId, categoryId: l.categoryId, quantity: l.quantity, unitPriceMinor: minor };
  });

/** POST /api/v1/orders body. Money never as a float: integer minor units or a decimal string. */
export const createOrderRequestSchema = z.strictObject({
  orderId: id.optional(),
  customerId: customerIdSchema,
  placedAt: z.iso.datetime({ offset: true }).optional(),
  currency: z.literal('EUR', { message: 'only EUR is supported' }).default('EUR'),
  items: z
    .array(line)
    .min(1, 'an order needs at least one item')
    .max(500, 'at most 500 items')
    .refine((items) => items.reduce((sum, i) => sum + i.quantity * i.unitPriceMinor, 0) <= MAX_MINOR, {
      message: `the order total must be at most ${MAX_MINOR} minor units`,
    }),
  customer: z
    .strictObject({
      firstName: z.string().trim().min(1).max(80),
      lastName: z.string().trim().min(1).max(80),
      email: z.email(),
      city: z.string().trim().max(80).default(''),
      postcode: z.string().trim().max(16).default(''),
    })
    .optional(),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;
