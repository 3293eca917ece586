import { z } from 'zod';

const orderItemSchema = z.object({
  productId: z.string(),
  categoryId: z.string(),
  quantity: z.number().int().positive(),
  unitPriceMinor: z.number().int().nonnegative(),
});

/** An `orders` item as stored. Money is integer minor units; `totalMinor` is the exact sum of the lines. */
export const orderSchema = z
  .object({
    orderId: z.string(),
    customerId: z.string(),
    placedAt: z.string(),
    currency: z.literal('EUR'),
    items: z.array(orderItemSchema).min(1),
    totalMinor: z.number().int().nonnegative(),
    status: z.enum(['completed']),
    source: z.string(),
  })
  .refine((o) => o.totalMinor === o.items.reduce((s, i) => s + i.quantity * i.unitPriceMinor, 0), {
    message: 'totalMinor must equal the sum of quantity × unitPriceMinor',
    path: ['totalMinor'],
  });
export type Order = z.infer<typeof orderSchema>;
