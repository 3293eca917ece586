import { minorDigits } from '../money/currency';
import type { BusinessWeek } from './business-week';

export interface WeeklyChartRow {
  /** Monday of the week in the store's zone, YYYY-MM-DD. */
  week: string;
  /** Short axis label, e.g. "24 Nov". */
  label: string;
  orders: number;
  /** Whole major units of the store's currency (euros, dollars, yen), for the axis. */
  revenue: number;
  /** Exact, for the tooltip. */
  revenueMinor: number;
  activeCustomers: number;
  newCustomers: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Weeks as chart rows; `currency` is the one the API says the amounts are in. */
export function toWeeklyChartRows(weeks: BusinessWeek[], currency: string): WeeklyChartRow[] {
  const scale = 10 ** minorDigits(currency);
  return weeks.map((w) => {
    const [year, month, day] = w.week.split('-').map(Number) as [number, number, number];
    const label = `${day} ${MONTHS[month - 1]}${month === 1 && day <= 7 ? ` ${year}` : ''}`;
    return {
      week: w.week,
      label,
      orders: w.orders,
      revenue: Math.round(w.revenueMinor / scale),
      revenueMinor: w.revenueMinor,
      activeCustomers: w.activeCustomers,
      newCustomers: w.newCustomers,
    };
  });
}

/** An axis tick of whole major units, short: "€540K", "¥54M", "$950". */
export function moneyTick(value: number, currency: string): string {
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(value);
}
