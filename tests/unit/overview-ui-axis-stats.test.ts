import { describe, expect, it } from 'vitest';
import { moneyStat } from '@/components/overview/overview-stats';
import { MAX_WEEK_TICKS, weekTicks } from '@/components/overview/week-axis';
import { toWeeklyChartRows } from '@/lib/overview/to-chart-rows';

/** `n` Mondays from `first` (YYYY-MM-DD), as the Overview's chart rows. */
function weeks(first: string, n: number) {
  const start = Date.parse(`${first}T00:00:00Z`);
  return toWeeklyChartRows(
    Array.from({ length: n }, (_, i) => ({
      week: new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
      orders: 1,
      revenueMinor: 100,
      activeCustomers: 1,
      newCustomers: 0,
    })),
    'USD',
  );
}

describe('the week axis of the Overview', () => {
  it('over two years, names the year on the first tick and where it changes, and only there', () => {
    // The trial's 103 full weeks: 23 Dec 2024 to 30 Nov 2026.
    const rows = weeks('2024-12-23', 103);
    const ticks = weekTicks(rows);
    expect(ticks.length).toBeLessThanOrEqual(MAX_WEEK_TICKS);
    expect(ticks.at(-1)?.week).toBe(rows.at(-1)?.week); // the latest week is always labelled
    // The ticks span 2025 and 2026 here: each year's first tick names it, no other does.
    const years = [...new Set(ticks.map((t) => t.week.slice(0, 4)))];
    expect(years).toEqual(['2025', '2026']);
    const firstOfYear = years.map((year) => ticks.find((t) => t.week.startsWith(year)));
    expect(firstOfYear[0]).toBe(ticks[0]);
    expect(firstOfYear.map((t) => t?.label)).toEqual(['13 Jan 2025', '2 Feb 2026']);
    expect(ticks.filter((t) => /\d{4}$/.test(t.label))).toEqual(firstOfYear);
    // Ticks in between carry day and month only.
    expect(ticks[1]?.label).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/);
  });

  it('labels every week of a short series, the first with its year', () => {
    const ticks = weekTicks(weeks('2026-11-02', 4));
    expect(ticks.map((t) => t.label)).toEqual(['2 Nov 2026', '9 Nov', '16 Nov', '23 Nov']);
    expect(weekTicks([])).toEqual([]);
  });
});

describe('the Revenue card', () => {
  it('shows whole dollars, with the exact amount to the cent beside it', () => {
    expect(moneyStat(27201238, 'USD')).toEqual({
      value: '$272,012',
      exact: '$272,012.38',
      exactLine: 'exactly $272,012.38',
    });
  });

  it('adds no "exactly" line when the whole amount is exact', () => {
    expect(moneyStat(27201200, 'USD').exactLine).toBeUndefined();
    expect(moneyStat(54189012, 'JPY')).toEqual({ value: '¥54,189,012', exact: '¥54,189,012' });
  });
});
