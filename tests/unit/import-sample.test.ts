import { describe, expect, it } from 'vitest';
import { generateSampleCsv, type SampleSummary } from '@/lib/imports/generate-sample';
import { readAll } from '../support/read-import';

/** What an import of the file gives, in the sample's terms. */
async function summarise(csv: string, options: Parameters<typeof readAll>[1] = {}) {
  const { lines, rejected, error } = await readAll(csv, options);
  expect(error).toBeUndefined();
  const summary: Omit<SampleSummary, 'rows'> = {
    lines: lines.length,
    returnLines: lines.filter((l) => l.quantity < 0).length,
    rejected: rejected.length,
    orders: new Set(lines.map((l) => l.orderId)).size,
    customers: new Set(lines.map((l) => l.customerId)).size,
    netRevenueMinor: lines.reduce((sum, l) => sum + l.lineTotalMinor, 0),
  };
  return { summary, rejected };
}

describe('the seeded messy sample', () => {
  it('reads back to exactly the summary it promises', async () => {
    const { csv, summary } = generateSampleCsv({ seed: 'sample-test', orders: 600, shuffleWindow: 200 });
    const read = await summarise(csv);
    const { rows, ...expected } = summary;
    expect(read.summary).toEqual(expected);
    expect(rows).toBe(summary.lines + summary.rejected);
    // It is messy: returns, rejections of several kinds, scattered orders, quoted names.
    expect(summary.returnLines).toBeGreaterThan(20);
    expect(new Set(read.rejected.map((r) => r.column))).toEqual(
      new Set(['quantity', 'ordered_at', 'currency', 'line_total', 'order_id']),
    );
    expect(csv).toContain('"Tomatoes, cherry 250 g"');
    expect(csv).toContain('"Gift box\nassorted"');
    expect(summary.customers).toBeLessThan(summary.orders);
  });

  it('is the same file for the same seed, and another for another', () => {
    const a = generateSampleCsv({ seed: 7, orders: 50 });
    expect(generateSampleCsv({ seed: 7, orders: 50 }).csv).toBe(a.csv);
    expect(generateSampleCsv({ seed: 8, orders: 50 }).csv).not.toBe(a.csv);
  });

  it('holds in currencies with other minor units and with CRLF', async () => {
    for (const storeCurrency of ['JPY', 'KWD']) {
      const { csv, summary } = generateSampleCsv({ seed: 'fx', orders: 150, storeCurrency, crlf: true });
      const { rows: _rows, ...expected } = summary;
      expect((await summarise(csv, { storeCurrency, storeTimeZone: 'Asia/Tokyo' })).summary).toEqual(
        expected,
      );
    }
  });
});
