import { z } from 'zod';

export const BUSINESS_WEEK_METRIC = 'business:week';
export const BUSINESS_TOTALS_METRIC = 'business:totals';

/**
 * One week of business as the store counts it (from Monday 00:00 in STORE_TIMEZONE; `week` is that Monday,
 * lib/time's storeWeekStart): orders, revenue in minor units of the store's currency, distinct buyers, first-time
 * buyers.
 */
export const businessWeekSchema = z.object({
  week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  orders: z.number().int().nonnegative(),
  revenueMinor: z.number().int().nonnegative(),
  activeCustomers: z.number().int().nonnegative(),
  newCustomers: z.number().int().nonnegative(),
});
export type BusinessWeek = z.infer<typeof businessWeekSchema>;

export const businessTotalsSchema = z.object({
  customers: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  revenueMinor: z.number().int().nonnegative(),
  currency: z.string(),
  updatedAt: z.string(),
});
export type BusinessTotals = z.infer<typeof businessTotalsSchema>;
