import { describe, expect, it } from 'vitest';
import { ImportMeter } from '@/lib/cli/import-progress';
import { buildOrder, saleItems } from '@/lib/imports/build-order';
import type { ImportLine } from '@/lib/imports/import-types';
import { reasonKind } from '@/lib/imports/import-tally';
import { importedCustomer } from '@/lib/imports/store-customer-bucket';
import { stableJson } from '@/lib/imports/store-order-bucket';
import { derivePrng } from '@/lib/math/prng';

let next = 2;
const line = (over: Partial<ImportLine> = {}): ImportLine => ({
  lineNumber: next++,
  orderId: 'O-1',
  customerId: 'C-1',
  orderedAt: '2025-03-05T10:00:00.000Z',
  sku: 'MILK-1',
  category: 'dairy',
  quantity: 2,
  lineTotalMinor: 238,
  currency: 'EUR',
  ...over,
});

describe('sale lines become items whose unit prices are exact', () => {
  it('keeps one item when the total divides by the quantity', () => {
    expect(saleItems(line({ quantity: 2, lineTotalMinor: 238 }))).toEqual([
      { productId: 'MILK-1', categoryId: 'dairy', quantity: 2, unitPriceMinor: 119 },
    ]);
  });

  it('splits 3 for €10.00 into 2 × €3.33 and 1 × €3.34', () => {
    expect(
      saleItems(line({ quantity: 3, lineTotalMinor: 1000 })).map((i) => [i.quantity, i.unitPriceMinor]),
    ).toEqual([
      [2, 333],
      [1, 334],
    ]);
  });

  it('adds up to the line total for any quantity and total (seeded)', () => {
    const prng = derivePrng('import-split', 1);
    for (let i = 0; i < 2_000; i++) {
      const quantity = prng.int(1, 999);
      const total = prng.int(0, 5_000_000);
      const items = saleItems(line({ quantity, lineTotalMinor: total }));
      expect(items.reduce((s, it) => s + it.quantity * it.unitPriceMinor, 0)).toBe(total);
      expect(items.reduce((s, it) => s + it.quantity, 0)).toBe(quantity);
      expect(items.every((it) => Number.isInteger(it.unitPriceMinor) && it.quantity > 0)).toBe(true);
    }
  });
});

describe('the lines of an order become one order', () => {
  it('is placed at its earliest sale, totals the sales, and takes returns as refunds of the net value', () => {
    const built = buildOrder([
      line({ lineNumber: 9, orderedAt: '2025-03-09T08:00:00.000Z', quantity: -1, lineTotalMinor: -119 }),
      line({ lineNumber: 4, orderedAt: '2025-03-05T10:00:00.000Z' }),
      line({
        lineNumber: 5,
        orderedAt: '2025-03-05T10:00:01.000Z',
        sku: 'BREAD',
        category: 'bakery',
        lineTotalMinor: 700,
        quantity: 1,
      }),
    ]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.order).toMatchObject({
      orderId: 'O-1',
      placedAt: '2025-03-05T10:00:00.000Z',
      totalMinor: 938,
      refundedMinor: 119,
      source: 'import',
      refunds: [
        {
          refundId: 'ret-9',
          at: '2025-03-09T08:00:00.000Z',
          amountMinor: 119,
          items: [{ productId: 'MILK-1', categoryId: 'dairy', quantity: 1 }],
          source: 'import',
        },
      ],
    });
    expect(built.order.items.map((i) => i.productId)).toEqual(['MILK-1', 'BREAD']);
    expect(built.lines).toBe(3);
  });

  it('refuses every line of an order whose lines name different customers, naming both', () => {
    const built = buildOrder([line({ lineNumber: 3 }), line({ lineNumber: 7, customerId: 'C-2' })]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.lines).toHaveLength(2);
    expect(built.reason).toContain('C-1 on line 3, C-2 on line 7');
    expect(built.column).toBe('customer_id');
  });

  it('refuses an order of returns only: its sale is not in the file', () => {
    const built = buildOrder([line({ quantity: -1, lineTotalMinor: -119 })]);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.reason).toContain('only return lines');
  });

  it('refuses an order whose returns give back more than it sold', () => {
    const built = buildOrder([
      line({ quantity: 1, lineTotalMinor: 100 }),
      line({ quantity: -1, lineTotalMinor: -150 }),
    ]);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.reason).toContain('refunds 150 but sold 100');
  });

  it('keeps a free item brought back as part of the order without a refund', () => {
    const built = buildOrder([
      line({ sku: 'BAG', quantity: 1, lineTotalMinor: 0 }),
      line({ sku: 'BAG', quantity: -1, lineTotalMinor: 0 }),
    ]);
    expect(built).toMatchObject({ ok: true, freeReturns: 1, lines: 2 });
    if (built.ok) expect(built.order.refunds).toBeUndefined();
  });

  it('records a Shopify refunded amount once, as a refund without items', () => {
    const built = buildOrder([line({ lineNumber: 2, orderRefundedMinor: 119 }), line({ lineNumber: 3 })]);
    expect(built.ok && built.order.refunds).toEqual([
      expect.objectContaining({ refundId: 'refund-2', amountMinor: 119, source: 'import' }),
    ]);
  });

  it('passes on who the customer is and what they chose', () => {
    const built = buildOrder([
      line({ email: 'jane@example.com', consent: { marketing: true } }),
      line({ firstName: 'Jane', consent: { aiProcessing: false } }),
    ]);
    expect(built.ok && built.customer).toMatchObject({
      customerId: 'C-1',
      email: 'jane@example.com',
      firstName: 'Jane',
      consent: { marketing: true, ai_processing: false },
      totalMinor: 476,
    });
  });
});

describe('a customer from the orders of the file', () => {
  it('takes each field from the latest order that gives it, created at the first, consent later winning', () => {
    const fact = (placedAt: string, over: object) => ({
      customerId: 'C-1',
      orderId: placedAt,
      placedAt,
      totalMinor: 1,
      ...over,
    });
    const { profile, consent } = importedCustomer([
      fact('2025-05-01T00:00:00Z', { city: 'Köln', consent: { marketing: false } }),
      fact('2025-01-01T00:00:00Z', {
        email: 'a@example.com',
        city: 'Bonn',
        consent: { marketing: true, analytics: true },
      }),
      fact('2025-03-01T00:00:00Z', { firstName: 'Ann' }),
    ]);
    expect(profile).toMatchObject({
      createdAt: '2025-01-01T00:00:00Z',
      email: 'a@example.com',
      firstName: 'Ann',
      lastName: '',
      city: 'Köln',
    });
    expect(consent).toEqual({
      customerId: 'C-1',
      since: '2025-01-01T00:00:00Z',
      choice: { at: '2025-05-01T00:00:00Z', changes: { marketing: false, analytics: true } },
    });
  });
});

describe('the summary and the progress', () => {
  it('names a kind of rejection without its particulars', () => {
    expect(reasonKind('quantity "2.5" is not a whole number')).toBe('quantity "…" is not a whole number');
    expect(reasonKind('currency is USD, but the store sells in EUR')).toBe(
      'currency is …, but the store sells in …',
    );
    expect(reasonKind('currency "EUX" is not an ISO 4217 currency code')).toBe(
      'currency "…" is not an ISO 4217 currency code',
    );
    expect(reasonKind('the row has 12 values but the header has 13 columns; quantity is 0')).toBe(
      'the row has N values but the header has N columns',
    );
  });

  it('tells an order stored alike whatever the order of its keys', () => {
    expect(stableJson({ b: 1, a: [{ y: 2, x: undefined, z: 'q' }] })).toBe(
      stableJson({ a: [{ z: 'q', y: 2 }], b: 1 }),
    );
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });

  it('measures reading by bytes of the file and storing by buckets, with rate and time left', () => {
    let now = 0;
    const meter = new ImportMeter(() => now);
    const base = {
      sizeBytes: 1000,
      linesRejected: 0,
      ordersStored: 0,
      customersDone: 0,
      bucketsDone: 0,
      buckets: 4,
    };
    meter.measure({ ...base, phase: 'reading', bytesRead: 0, linesRead: 0 });
    now = 2_000;
    expect(meter.measure({ ...base, phase: 'reading', bytesRead: 250, linesRead: 500 })).toEqual({
      share: 0.25,
      rate: '250 lines/s',
      eta: 6,
    });
    meter.measure({ ...base, phase: 'orders', bytesRead: 1000, linesRead: 2000 });
    now = 12_000;
    const orders = meter.measure({
      ...base,
      phase: 'orders',
      bytesRead: 1000,
      linesRead: 2000,
      bucketsDone: 1,
      ordersStored: 300,
    });
    expect(orders).toEqual({ share: 0.25, rate: '30 orders/s', eta: 30 });
    expect(
      meter.bar({
        ...base,
        phase: 'orders',
        bytesRead: 1000,
        linesRead: 2000,
        bucketsDone: 1,
        ordersStored: 300,
      }),
    ).toMatch(/^orders +\[#{7}-{21}\] +25 % +30 orders\/s +ETA 30 s/);
  });

  it('piped, where a line is printed every few seconds, still measures from the start of the phase', () => {
    let now = 0;
    const meter = new ImportMeter(() => now);
    const at = (linesRead: number, bytesRead: number) => ({
      phase: 'reading' as const,
      sizeBytes: 1000,
      bytesRead,
      linesRead,
      linesRejected: 0,
      ordersStored: 0,
      customersDone: 0,
      bucketsDone: 0,
      buckets: 0,
    });
    meter.track(at(0, 0)); // told of every update, shown none
    now = 1_000;
    meter.track(at(400, 200));
    now = 5_000;
    expect(meter.line(at(2_000, 1_000))).toContain('400 lines/s');
  });

  it('says 100 % once the import is done, whatever the buckets counted', () => {
    const meter = new ImportMeter(() => 0);
    const done = {
      phase: 'done' as const,
      sizeBytes: 1000,
      bytesRead: 1000,
      linesRead: 2000,
      linesRejected: 3,
      ordersStored: 900,
      customersDone: 200,
      bucketsDone: 0,
      buckets: 2,
    };
    expect(meter.measure(done).share).toBe(1);
    expect(meter.line(done)).toMatch(/^ *done: 100 %/);
    // Not "0/2 buckets" beside 100 %: the buckets were deleted as they were done.
    expect(meter.line(done)).toContain('finished');
    expect(meter.line(done)).not.toContain('buckets');
  });
});
