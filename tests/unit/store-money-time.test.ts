import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrency, minorDigits, minorToDecimal, parseMoney } from '@/lib/money/currency';
import { storeDay, storeDayStart, storeWeekStart, zonedTimeToInstant } from '@/lib/time/store-time';

describe('money in the store currency', () => {
  it('knows each currency’s minor units from ISO 4217', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency('usd')).toBe(false);
    expect(isCurrency('EURO')).toBe(false);
  });

  it('turns decimal strings into exact minor units, never through a float', () => {
    expect(parseMoney('12.99', 'EUR')).toEqual({ ok: true, minor: 1299 });
    expect(parseMoney(' 0.1 ', 'EUR')).toEqual({ ok: true, minor: 10 });
    expect(parseMoney('1500', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(parseMoney('1.250', 'KWD')).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney('1.25', 'KWD')).toEqual({ ok: true, minor: 1250 });
    // 1234567.89 × 100 in floating point is 123456788.99999999.
    expect(parseMoney('1234567.89', 'USD')).toEqual({ ok: true, minor: 123456789 });
    expect(parseMoney('-3.10', 'USD', { allowNegative: true })).toEqual({ ok: true, minor: -310 });
  });

  it('refuses what would lose money or is not an amount, saying why', () => {
    expect(parseMoney('1.5', 'JPY')).toEqual({
      ok: false,
      reason: '"1.5" has decimals, but JPY has no minor unit',
    });
    expect(parseMoney('1.999', 'EUR')).toEqual({
      ok: false,
      reason: '"1.999" has 3 decimals, but EUR has 2',
    });
    expect(parseMoney('-3.10', 'USD')).toEqual({ ok: false, reason: '"-3.10" is negative' });
    expect(parseMoney('1,234.50', 'USD')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('thousands'),
    });
    expect(parseMoney('1e3', 'USD')).toMatchObject({ ok: false });
    expect(parseMoney('', 'USD')).toMatchObject({ ok: false });
    expect(parseMoney('99999999999999999', 'USD')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('too large'),
    });
  });

  it('writes minor units back as the currency’s decimal and for people', () => {
    expect(minorToDecimal(1299, 'EUR')).toBe('12.99');
    expect(minorToDecimal(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
    expect(minorToDecimal(1250, 'KWD')).toBe('1.250');
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });
});

describe('days and weeks in the store time zone', () => {
  const NY = 'America/New_York';
  const BERLIN = 'Europe/Berlin';

  it('puts an instant on the store’s calendar day', () => {
    expect(storeDay('2026-03-08T04:59:00Z', NY)).toBe('2026-03-07');
    expect(storeDay('2026-03-08T05:00:00Z', NY)).toBe('2026-03-08');
    expect(storeDay('2026-03-08T04:59:00Z', 'UTC')).toBe('2026-03-08');
  });

  it('starts weeks on the store’s Monday', () => {
    // Monday 2 November 2026, 00:00 in New York is 05:00 UTC (the clocks went back on 1 November).
    expect(storeWeekStart('2026-11-02T04:59:00Z', NY)).toBe('2026-10-26');
    expect(storeWeekStart('2026-11-02T05:00:00Z', NY)).toBe('2026-11-02');
    expect(storeWeekStart('2026-12-06T12:00:00Z', 'UTC')).toBe('2026-11-30'); // a Sunday
  });

  it('reads wall-clock times in the zone across daylight-saving changes', () => {
    expect(zonedTimeToInstant({ year: 2026, month: 7, day: 1, hour: 12 }, NY).toISOString()).toBe(
      '2026-07-01T16:00:00.000Z',
    );
    expect(zonedTimeToInstant({ year: 2026, month: 1, day: 1, hour: 12 }, NY).toISOString()).toBe(
      '2026-01-01T17:00:00.000Z',
    );
    // 02:30 does not exist on 29 March 2026 in Berlin: moved forward to 03:30 CEST.
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN).toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first (summer time) is taken.
    expect(
      zonedTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    expect(storeDayStart('2026-11-01', NY).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(storeDayStart('2026-11-02', NY).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });
});
