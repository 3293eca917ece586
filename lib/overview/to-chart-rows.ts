import type { BusinessWeek } from './business-week';

export interface WeeklyChartRow {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  /** Short axis label, e.g. "24 Nov". */
  label: string;
  orders: number;
  /** Whole euros, for the axis. */
  revenueEur: number;
  activeCustomers: number;
  newCustomers: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function toWeeklyChartRows(weeks: BusinessWeek[]): WeeklyChartRow[] {
  return weeks.map((w) => {
    const [year, month, day] = w.week.split('-').map(Number) as [number, number, number];
    const label = `${day} ${MONTHS[month - 1]}${month === 1 && day <= 7 ? ` ${year}` : ''}`;
    return {
      week: w.week,
      label,
      orders: w.orders,
      revenueEur: Math.round(w.revenueMinor / 100),
      activeCustomers: w.activeCustomers,
      newCustomers: w.newCustomers,
    };
  });
}

/** Euros from minor units, formatted for people: €541,890. */
export function formatEur(minor: number, digits = 0): string {
  return new Intl.NumberFormat('en-IE', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(minor / 100);
}
