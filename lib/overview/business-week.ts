import { z } from 'zod';

export const BUSINESS_WEEK_METRIC = 'business:week';
export const BUSINESS_TOTALS_METRIC = 'business:totals';

/** One ISO week (Monday, UTC) of business: orders, revenue in minor units, distinct buyers, first-time buyers. */
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

/** Monday 00:00 UTC of the week holding `date`, as YYYY-MM-DD. */
export function weekStart(date: Date | string): string {
  const d = new Date(date);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}
