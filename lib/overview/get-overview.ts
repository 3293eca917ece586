import { getConfig } from '../config';
import { addDays, storeWeekStart } from '../time/store-time';
import type { BusinessWeek, BusinessTotals } from './business-week';
import { getBusinessOverview } from './get-business-overview';

export interface Overview {
  /** The store's currency (ISO 4217): every `…Minor` amount is in its minor units. */
  currency: string;
  /** The store's time zone (IANA): weeks start on Monday 00:00 there. */
  timeZone: string;
  totals: BusinessTotals | null;
  /** The last `weeks` weeks (keyed by their Monday in the store's zone), oldest first; empty weeks have zeros. */
  weeks: BusinessWeek[];
  generatedAt: string;
}

/** The Overview page's numbers: running totals and the weekly series, gaps filled so the chart's axis is honest. */
export async function getOverview(weeks: number, now = new Date()): Promise<Overview> {
  const { STORE_CURRENCY: currency, STORE_TIMEZONE: timeZone } = getConfig();
  const last = storeWeekStart(now, timeZone);
  const first = addDays(last, -7 * (weeks - 1));
  const { totals, weeks: stored } = await getBusinessOverview(first);
  const byWeek = new Map(stored.map((w) => [w.week, w]));
  const series: BusinessWeek[] = [];
  // Calendar arithmetic on Mondays (not 7 × 24 h on instants), so a daylight-saving change moves no week.
  for (let week = first; week <= last; week = addDays(week, 7)) {
    series.push(
      byWeek.get(week) ?? { week, orders: 0, revenueMinor: 0, activeCustomers: 0, newCustomers: 0 },
    );
  }
  return { currency, timeZone, totals, weeks: series, generatedAt: now.toISOString() };
}
