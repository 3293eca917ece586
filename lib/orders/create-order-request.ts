import { z } from 'zod';
import { getConfig } from '../config';
import { customerIdSchema } from '../customers/customer';
import { currencySchema, MAX_MINOR } from '../events/fields';
import { parseMoney } from '../money/currency';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

const line = z
  .strictObject({
    productId: id,
    categoryId: id.optional(),
    quantity: z.number().int('must be a whole number').min(1).max(999),
    unitPriceMinor: z
      .number()
      .int(
        'must be whole minor units of the currency (cents for USD, yen for JPY), or send unitPrice as "12.99"',
      )
      .min(0)
      .max(MAX_MINOR)
      .optional(),
    unitPrice: z.string().max(40).optional(),
  })
  .refine((l) => (l.unitPriceMinor === undefined) !== (l.unitPrice === undefined), {
    message: 'send exactly one of unitPriceMinor (integer minor units) or unitPrice (a decimal string)',
  });

/**
 * POST /api/v1/orders body. Money never as a float: integer minor units or a decimal string, read with the
 * currency's own number of decimals (JPY none, KWD three). The store takes one currency (STORE_CURRENCY): an order
 * without one is in it, an order in another is refused rather than summed with the rest as if it were.
 */
export const createOrderRequestSchema = z
  .strictObject({
    orderId: id.optional(),
    customerId: customerIdSchema,
    placedAt: z.iso.datetime({ offset: true }).optional(),
    currency: currencySchema.optional(),
    items: z.array(line).min(1, 'an order needs at least one item').max(500, 'at most 500 items'),
    customer: z
      .strictObject({
        firstName: z.string().trim().min(1).max(80),
        lastName: z.string().trim().min(1).max(80),
        email: z.email(),
        city: z.string().trim().max(80).default(''),
        postcode: z.string().trim().max(16).default(''),
      })
      .optional(),
  })
  .transform((body, ctx) => {
    const store = getConfig().STORE_CURRENCY;
    const currency = body.currency ?? store;
    if (currency !== store) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: `this store takes ${store}; the order is in ${currency}`,
      });
      return z.NEVER;
    }
    let valid = true;
    const items = body.items.map((l, index) => {
      let unitPriceMinor = l.unitPriceMinor ?? 0;
      if (l.unitPrice !== undefined) {
        const parsed = parseMoney(l.unitPrice, currency);
        if (!parsed.ok || parsed.minor > MAX_MINOR) {
          valid = false;
          ctx.addIssue({
            code: 'custom',
            path: ['items', index, 'unitPrice'],
            message: parsed.ok ? `must be at most ${MAX_MINOR} minor units` : parsed.reason,
          });
        } else unitPriceMinor = parsed.minor;
      }
      return { productId: l.productId, categoryId: l.categoryId, quantity: l.quantity, unitPriceMinor };
    });
    if (!valid) return z.NEVER;
    if (items.reduce((sum, i) => sum + i.quantity * i.unitPriceMinor, 0) > MAX_MINOR) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: `the order total must be at most ${MAX_MINOR} minor units`,
      });
      return z.NEVER;
    }
    return { ...body, currency, items };
  });
export type CreateOrderRequest = z.output<typeof createOrderRequestSchema>;
