import { z } from 'zod';
import { getConfig } from '../config';
import { MAX_MINOR } from '../events/fields';
import { parseMoney } from '../money/currency';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/**
 * POST /api/v1/orders/{orderId}/refunds body. The amount in the store's currency (STORE_CURRENCY): integer minor
 * units or a decimal string with its own number of decimals, never a float. `items` says what came back (their
 * categories come from the order's lines); each product once.
 */
export const refundOrderRequestSchema = z
  .strictObject({
    refundId: id.optional(),
    amount: z.string().max(40).optional(),
    amountMinor: z
      .number()
      .int(
        'must be whole minor units of the currency (cents for EUR, yen for JPY), or send amount as "12.50"',
      )
      .min(1, 'must be at least 1')
      .max(MAX_MINOR)
      .optional(),
    items: z
      .array(
        z.strictObject({
          productId: id,
          quantity: z.number().int('must be a whole number').min(1).max(999),
        }),
      )
      .min(1, 'leave items out, or list at least one')
      .max(500, 'at most 500 items')
      .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, {
        message: 'list each product once',
      })
      .optional(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .refine((b) => (b.amount === undefined) !== (b.amountMinor === undefined), {
    message: 'send exactly one of amountMinor (integer minor units) or amount (a decimal string)',
  })
  .transform((body, ctx) => {
    let amountMinor = body.amountMinor ?? 0;
    if (body.amount !== undefined) {
      const parsed = parseMoney(body.amount, getConfig().STORE_CURRENCY);
      if (!parsed.ok || parsed.minor < 1 || parsed.minor > MAX_MINOR) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: parsed.ok ? `must be more than 0 and at most ${MAX_MINOR} minor units` : parsed.reason,
        });
        return z.NEVER;
      }
      amountMinor = parsed.minor;
    }
    return { refundId: body.refundId, amountMinor, items: body.items, reason: body.reason };
  });
export type RefundOrderRequest = z.output<typeof refundOrderRequestSchema>;
