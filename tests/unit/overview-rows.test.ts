import { describe, expect, it } from 'vitest';
import { moneyTick, toWeeklyChartRows } from '@/lib/overview/to-chart-rows';
import type { BusinessWeek } from '@/lib/overview/business-week';
import { formatMoney } from '@/lib/money/currency';

function week(weekOf: string, revenueMinor: number): BusinessWeek {
  return { week: weekOf, orders: 12, revenueMinor, activeCustomers: 9, newCustomers: 2 };
}

describe('toWeeklyChartRows', () => {
  it('shows revenue in whole major units of the store’s currency, rounded', () => {
    const weeks = [week('2026-11-16', 54189012), week('2026-11-23', 150), week('2026-11-30', 149)];
    expect(toWeeklyChartRows(weeks, 'EUR').map((r) => r.revenue)).toEqual([541890, 2, 1]);
    // Yen have no minor unit: 150 minor units are ¥150, not ¥2.
    expect(toWeeklyChartRows(weeks, 'JPY').map((r) => r.revenue)).toEqual([54189012, 150, 149]);
    // Dinars have three: 54,189,012 fils are KWD 54,189.
    expect(toWeeklyChartRows(weeks, 'KWD').map((r) => r.revenue)).toEqual([54189, 0, 0]);
  });

  it('keeps the counts, the week and the exact amount', () => {
    expect(toWeeklyChartRows([week('2026-11-23', 1234)], 'USD')).toEqual([
      {
        week: '2026-11-23',
        label: '23 Nov',
        orders: 12,
        revenue: 12,
        revenueMinor: 1234,
        activeCustomers: 9,
        newCustomers: 2,
      },
    ]);
  });

  it('labels weeks by day and month, and the first week of January with its year', () => {
    const rows = toWeeklyChartRows(
      [week('2026-11-24', 0), week('2026-12-28', 0), week('2027-01-04', 0), week('2027-01-11', 0)],
      'EUR',
    );
    expect(rows.map((r) => r.label)).toEqual(['24 Nov', '28 Dec', '4 Jan 2027', '11 Jan']);
  });
});

describe('money on the Overview', () => {
  it('writes axis ticks short, with the currency’s sign', () => {
    expect(moneyTick(541890, 'EUR')).toBe('€541.9K');
    expect(moneyTick(54189012, 'JPY')).toBe('¥54.2M');
    expect(moneyTick(950, 'KWD')).toBe('KWD\u00a0950');
    expect(moneyTick(12, 'USD')).toBe('$12');
  });

  it('writes totals in whole units of the store’s currency', () => {
    expect(formatMoney(54189012, 'EUR', 'en', { whole: true })).toBe('€541,890');
    expect(formatMoney(54189012, 'JPY', 'en', { whole: true })).toBe('¥54,189,012');
    expect(formatMoney(54189512, 'KWD', 'en', { whole: true })).toBe('KWD\u00a054,190');
    expect(formatMoney(12345, 'EUR')).toBe('€123.45');
  });
});
