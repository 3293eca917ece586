import { describe, expect, it } from 'vitest';
import { parseOrderedAt } from '@/lib/imports/field-rules';
import { zonedTimeToInstant } from '@/lib/time/store-time';
import { csv, readAll } from '../support/read-import';

const HEADER = 'order_id,customer_id,ordered_at,sku,product_name,category,quantity,line_total,currency';

/** One row with the given fields changed; the rest a valid sale. */
function row(
  change: Partial<Record<'order' | 'customer' | 'at' | 'sku' | 'qty' | 'total' | 'currency', string>>,
) {
  const r = {
    order: '1001',
    customer: 'C1',
    at: '2026-01-05T10:00:00Z',
    sku: 'MILK-1',
    qty: '1',
    total: '1.19',
    currency: 'EUR',
    ...change,
  };
  return `${r.order},${r.customer},${r.at},${r.sku},Milk,dairy,${r.qty},${r.total},${r.currency}`;
}

async function rejectionOf(change: Parameters<typeof row>[0], store: { storeCurrency?: string } = {}) {
  const { rejected, lines } = await readAll(csv(HEADER, row({}), row(change)), store);
  expect(lines).toHaveLength(1); // the valid row before it still reads
  expect(rejected).toHaveLength(1);
  expect(rejected[0]?.lineNumber).toBe(3);
  return rejected[0];
}

describe('import rules: each refusal names the column and the value', () => {
  it('rejects quantity 0', async () => {
    expect(await rejectionOf({ qty: '0' })).toMatchObject({
      column: 'quantity',
      reason: 'quantity is 0: nothing was sold or returned',
    });
  });

  it('rejects quantities that are not whole or implausible for one line', async () => {
    expect((await rejectionOf({ qty: '1.5' }))?.reason).toBe('quantity "1.5" is not a whole number');
    expect((await rejectionOf({ qty: '5000' }))?.reason).toBe(
      'quantity "5000" is more than 999 units in one line',
    );
  });

  it('reads returns: a negative quantity with a negative or unsigned total; refuses contradictory signs', async () => {
    const { lines } = await readAll(
      csv(HEADER, row({ qty: '-2', total: '-2.38' }), row({ qty: '-2', total: '2.38' })),
    );
    expect(lines.map((l) => [l.quantity, l.lineTotalMinor])).toEqual([
      [-2, -238],
      [-2, -238],
    ]);
    expect(await rejectionOf({ qty: '2', total: '-2.38' })).toMatchObject({
      column: 'line_total',
      reason: 'quantity 2 is a sale but line_total "-2.38" is negative: a return has a negative quantity',
    });
  });

  it('refuses amounts that would lose money, by the currency’s own decimals', async () => {
    expect((await rejectionOf({ total: '1.999' }))?.reason).toBe(
      'line_total: "1.999" has 3 decimals, but EUR has 2',
    );
    expect((await rejectionOf({ total: '"1,19"' }))?.reason).toBe(
      'line_total: "1,19" is not an amount (write it like 12.55)',
    );
  });

  it('reads JPY without and KWD with three decimals, exactly', async () => {
    const jpy = await readAll(
      csv(HEADER, row({ total: '1500', currency: 'JPY' }), row({ total: '1500.5', currency: 'JPY' })),
      { storeCurrency: 'JPY' },
    );
    expect(jpy.lines.map((l) => [l.lineTotalMinor, l.currency])).toEqual([[1500, 'JPY']]);
    expect(jpy.rejected[0]?.reason).toBe('line_total: "1500.5" has decimals, but JPY has no minor unit');
    const kwd = await readAll(
      csv(HEADER, row({ total: '1.250', currency: 'KWD' }), row({ total: '0.5', currency: 'kwd' })),
      {
        storeCurrency: 'KWD',
      },
    );
    expect(kwd.lines.map((l) => l.lineTotalMinor)).toEqual([1250, 500]);
  });

  it('refuses a currency other than the store’s, naming both, and codes that are no currency', async () => {
    expect(await rejectionOf({ currency: 'USD' })).toMatchObject({
      column: 'currency',
      reason:
        'currency is USD, but the store sells in EUR: convert the amounts first, or import into a store set up for USD',
    });
    expect((await rejectionOf({ currency: 'EUX' }))?.reason).toBe(
      'currency "EUX" is not an ISO 4217 currency code',
    );
    expect((await rejectionOf({ currency: '' }))?.reason).toBe('currency is empty');
  });

  it('refuses impossible, ancient and future dates', async () => {
    expect((await rejectionOf({ at: '2026-02-30' }))?.reason).toBe(
      'ordered_at "2026-02-30" is not a real date: February 2026 has 28 days',
    );
    expect((await rejectionOf({ at: '2024-02-30T10:00' }))?.reason).toContain('February 2024 has 29 days');
    expect((await rejectionOf({ at: '2026-01-05T25:10' }))?.reason).toBe(
      'ordered_at "2026-01-05T25:10" is not a real time of day',
    );
    expect((await rejectionOf({ at: '9999-12-31' }))?.reason).toBe(
      'ordered_at "9999-12-31" is more than a day in the future',
    );
    // "Now" is 2026-06-01T12:00Z in these tests: a day ahead is still accepted (time zones, clocks).
    expect((await rejectionOf({ at: '2026-06-02T13:00:00Z' }))?.reason).toContain(
      'more than a day in the future',
    );
    expect((await rejectionOf({ at: '1989-12-31' }))?.reason).toBe('ordered_at "1989-12-31" is before 1990');
    expect((await rejectionOf({ at: '05/01/2026' }))?.reason).toBe(
      'ordered_at "05/01/2026" is not a date like 2024-03-05 or 2024-03-05T14:22:10+01:00',
    );
  });

  it('refuses ids with characters that are not safe in keys and URLs', async () => {
    expect(await rejectionOf({ order: 'A 1' })).toMatchObject({
      column: 'order_id',
      reason: 'order_id "A 1" may hold only letters, digits and _ . : # - (at most 64 characters)',
    });
    expect((await rejectionOf({ sku: 'MILK/1' }))?.reason).toContain('sku "MILK/1" may hold only');
    expect((await rejectionOf({ order: 'x'.repeat(65) }))?.column).toBe('order_id');
    expect((await rejectionOf({ customer: '__proto__;x' }))?.column).toBe('customer_id');
  });

  it('lists every problem of a row at once', async () => {
    expect(await rejectionOf({ qty: '0', currency: 'USD', at: '' })).toMatchObject({
      column: 'ordered_at',
      reason:
        'ordered_at is empty; currency is USD, but the store sells in EUR: convert the amounts first, or import into a store set up for USD; quantity is 0: nothing was sold or returned',
    });
  });
});

describe('order times: an offset is exact, a local time is the store’s wall clock', () => {
  const at = async (value: string, storeTimeZone: string) =>
    (await readAll(csv(HEADER, row({ at: value })), { storeTimeZone })).lines[0]?.orderedAt;

  it('takes the offset when there is one, whatever the store’s zone', async () => {
    expect(await at('2024-03-05 14:22:10 -0500', 'Europe/Berlin')).toBe('2024-03-05T19:22:10.000Z');
    expect(await at('2024-03-05T14:22:10.5+05:30', 'America/New_York')).toBe('2024-03-05T08:52:10.500Z');
    expect(await at('2024-03-05T14:22Z', 'Asia/Tokyo')).toBe('2024-03-05T14:22:00.000Z');
  });

  it('reads local times in the store’s zone across daylight-saving changes', async () => {
    // New York: EST (−5) until 10 March 2024 02:00, EDT (−4) after.
    expect(await at('2024-03-09 12:00', 'America/New_York')).toBe('2024-03-09T17:00:00.000Z');
    expect(await at('2024-03-10 12:00', 'America/New_York')).toBe('2024-03-10T16:00:00.000Z');
    // 02:30 does not exist that night: moved forward by the gap.
    expect(await at('2024-03-10T02:30', 'America/New_York')).toBe('2024-03-10T07:30:00.000Z');
    // 01:30 on 3 November happens twice: the first (summer) one.
    expect(await at('2024-11-03T01:30', 'America/New_York')).toBe('2024-11-03T05:30:00.000Z');
    // A date alone is local midnight: Berlin in summer is UTC+2.
    expect(await at('2024-07-01', 'Europe/Berlin')).toBe('2024-06-30T22:00:00.000Z');
  });

  it('agrees with the store-time rule at every quarter hour of the days the clocks change', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const days: Array<[string, string]> = [
      ['America/New_York', '2024-03-10'],
      ['America/New_York', '2024-11-03'],
      ['Europe/Berlin', '2024-03-31'],
      ['Europe/Berlin', '2024-10-27'],
      ['Australia/Lord_Howe', '2024-04-07'], // a half-hour change, at 02:00
      ['Australia/Lord_Howe', '2024-10-06'],
    ];
    for (const [zone, day] of days) {
      const [year, month, date] = day.split('-').map(Number) as [number, number, number];
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const hour = Math.floor(minutes / 60);
        const minute = minutes % 60;
        const text = `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:07`;
        const expected = zonedTimeToInstant(
          { year, month, day: date, hour, minute, second: 7 },
          zone,
        ).toISOString();
        expect([zone, text, parseOrderedAt('ordered_at', text, zone, now)]).toEqual([
          zone,
          text,
          { ok: true, value: expected },
        ]);
      }
    }
  });
});
