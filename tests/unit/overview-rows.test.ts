import { describe, expect, it } from 'vitest';
import { formatEur, toWeeklyChartRows } from '@/lib/overview/to-chart-rows';
import { type BusinessWeek, weekStart } from '@/lib/overview/business-week';

function week(weekOf: string, revenueMinor: number): BusinessWeek {
  return { week: weekOf, orders: 12, revenueMinor, activeCustomers: 9, newCustomers: 2 };
}

describe('weekStart', () => {
  it('puts the last minute of a Sunday in the week that began the Monday before', () => {
    expect(weekStart('2026-11-29T23:59:00.000Z')).toBe('2026-11-23');
  });

  it('starts a new week at Monday 00:00 UTC', () => {
    expect(weekStart('2026-11-30T00:00:00.000Z')).toBe('2026-11-30');
    expect(weekStart(new Date('2026-11-23T00:00:00.000Z'))).toBe('2026-11-23');
  });

  it('counts in UTC whatever offset the timestamp carries', () => {
    // Monday 00:30 in Berlin is still Sunday in UTC.
    expect(weekStart('2026-11-30T00:30:00+01:00')).toBe('2026-11-23');
  });

  it('crosses a year boundary', () => {
    expect(weekStart('2026-01-01T12:00:00.000Z')).toBe('2025-12-29');
    expect(weekStart('2027-01-03T23:59:59.999Z')).toBe('2026-12-28');
  });
});

describe('toWeeklyChartRows', () => {
  it('shows revenue in whole euros, rounded', () => {
    const rows = toWeeklyChartRows([
      week('2026-11-16', 54189012),
      week('2026-11-23', 150),
      week('2026-11-30', 149),
    ]);
    expect(rows.map((r) => r.revenueEur)).toEqual([541890, 2, 1]);
  });

  it('keeps the counts and the week', () => {
    expect(toWeeklyChartRows([week('2026-11-23', 0)])).toEqual([
      { week: '2026-11-23', label: '23 Nov', orders: 12, revenueEur: 0, activeCustomers: 9, newCustomers: 2 },
    ]);
  });

  it('labels weeks by day and month, and the first week of January with its year', () => {
    const rows = toWeeklyChartRows([
      week('2026-11-24', 0),
      week('2026-12-28', 0),
      week('2027-01-04', 0),
      week('2027-01-11', 0),
    ]);
    expect(rows.map((r) => r.label)).toEqual(['24 Nov', '28 Dec', '4 Jan 2027', '11 Jan']);
  });
});

describe('formatEur', () => {
  it('formats minor units as whole euros with thousands separators', () => {
    expect(formatEur(54189012)).toBe('€541,890');
    expect(formatEur(0)).toBe('€0');
  });

  it('shows cents when asked', () => {
    expect(formatEur(12345, 2)).toBe('€123.45');
  });
});
