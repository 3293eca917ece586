import { weekStart, type BusinessWeek, type BusinessTotals } from './business-week';
import { getBusinessOverview } from './get-business-overview';

export interface Overview {
  totals: BusinessTotals | null;
  /** The last `weeks` ISO weeks (Monday, UTC), oldest first; weeks without orders are present with zeros. */
  weeks: BusinessWeek[];
  generatedAt: string;
}

/** The Overview page's numbers: running totals and the weekly series, gaps filled so the chart's axis is honest. */
export async function getOverview(weeks: number, now = new Date()): Promise<Overview> {
  const last = weekStart(now);
  const first = weekStart(new Date(Date.parse(`${last}T00:00:00Z`) - (weeks - 1) * 7 * 86_400_000));
  const { totals, weeks: stored } = await getBusinessOverview(first);
  const byWeek = new Map(stored.map((w) => [w.week, w]));
  const series: BusinessWeek[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 7 * 86_400_000) {
    const week = new Date(t).toISOString().slice(0, 10);
    series.push(
      byWeek.get(week) ?? { week, orders: 0, revenueMinor: 0, activeCustomers: 0, newCustomers: 0 },
    );
  }
  return { totals, weeks: series, generatedAt: now.toISOString() };
}
