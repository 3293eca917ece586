import type { WeeklyChartRow } from '@/lib/overview/to-chart-rows';

/** A labelled week on the Overview's time axis. */
export interface WeekTick {
  /** Monday of the week, YYYY-MM-DD (the chart's category). */
  week: string;
  /** "24 Nov", or "24 Nov 2025" on the first tick and the first of each new year. */
  label: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** At most this many labelled weeks: about 80 px each, on a chart some 900 px wide or more. */
export const MAX_WEEK_TICKS = 10;

/**
 * Which weeks the axis labels, and how. Every `step`-th week counting back from the latest (the latest is always
 * labelled, as it is the one people look for), so there are at most `maxTicks`; the first label and the first label
 * of each new year carry the year, so an axis spanning two years says which is which wherever it is cut.
 */
export function weekTicks(rows: readonly WeeklyChartRow[], maxTicks = MAX_WEEK_TICKS): WeekTick[] {
  if (!rows.length) return [];
  const step = Math.max(1, Math.ceil(rows.length / Math.max(1, maxTicks)));
  const picked: WeeklyChartRow[] = [];
  for (let i = rows.length - 1; i >= 0 && picked.length < maxTicks; i -= step) picked.unshift(rows[i]!);
  let previousYear: string | undefined;
  return picked.map(({ week }) => {
    const [year, month, day] = week.split('-') as [string, string, string];
    const label = `${Number(day)} ${MONTHS[Number(month) - 1]}${year !== previousYear ? ` ${year}` : ''}`;
    previousYear = year;
    return { week, label };
  });
}
