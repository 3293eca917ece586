import { z } from 'zod';

const orderItemSchema = z.object({
  productId: z.string(),
  categoryId: z.string(),
  quantity: z.number().int().positive(),
  unitPriceMinor: z.number().int().nonnegative(),
});

/**
 * Money given back on an order: a refund through the API or a return line of an import. It lowers the order's net
 * value; the order's lines and total stay as sold. `items` says what came back, when known.
 */
export const refundSchema = z.object({
  /** Unique within the order: the client's refund id, or one derived from the import line. */
  refundId: z.string(),
  at: z.string(),
  amountMinor: z.number().int().positive(),
  items: z
    .array(z.object({ productId: z.string(), categoryId: z.string(), quantity: z.number().int().positive() }))
    .optional(),
  reason: z.string().optional(),
  source: z.string(),
  /** What the API request said (amount, items, reason), hashed: a retry with the same refund id must match it. */
  fingerprint: z.string().optional(),
});
export type Refund = z.infer<typeof refundSchema>;

/**
 * An `orders` item as stored. Money is integer minor units of `currency` (the store's); `totalMinor` is the exact sum
 * of the lines as sold, `refundedMinor` the sum of the refunds (never more than the total), and the net value is
 * their difference (`netMinor`). Orders stored before refunds existed have neither field: nothing refunded.
 */
export const orderSchema = z
  .object({
    orderId: z.string(),
    customerId: z.string(),
    placedAt: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    items: z.array(orderItemSchema).min(1),
    totalMinor: z.number().int().nonnegative(),
    refunds: z.array(refundSchema).optional(),
    refundedMinor: z.number().int().nonnegative().optional(),
    status: z.enum(['completed']),
    source: z.string(),
  })
  .refine((o) => o.totalMinor === o.items.reduce((s, i) => s + i.quantity * i.unitPriceMinor, 0), {
    message: 'totalMinor must equal the sum of quantity × unitPriceMinor',
    path: ['totalMinor'],
  })
  .refine((o) => (o.refundedMinor ?? 0) === (o.refunds ?? []).reduce((s, r) => s + r.amountMinor, 0), {
    message: 'refundedMinor must equal the sum of the refunds',
    path: ['refundedMinor'],
  })
  .refine((o) => (o.refundedMinor ?? 0) <= o.totalMinor, {
    message: 'an order cannot be refunded more than its total',
    path: ['refundedMinor'],
  });
export type Order = z.infer<typeof orderSchema>;

/** What the order is worth after refunds: what revenue, CLV and spend count. */
export const netMinor = (order: Pick<Order, 'totalMinor' | 'refundedMinor'>) =>
  order.totalMinor - (order.refundedMinor ?? 0);
