import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '@/lib/imports/import-types';
import { readProducts } from '@/lib/imports/read-products';
import { readAll } from '../support/read-import';

const order = (o: Record<string, unknown>) =>
  JSON.stringify({
    orderId: 'ord-1',
    customerId: 'cus_1',
    placedAt: '2026-01-05T10:00:00+01:00',
    items: [{ productId: 'MILK-1', categoryId: 'dairy', quantity: 2, unitPriceMinor: 119 }],
    ...o,
  });

describe('NDJSON backfills in the API’s order shape', () => {
  it('is recognised by its first "{" and turns each item into a line', async () => {
    const file = [
      order({
        customer: {
          firstName: 'Jane',
          lastName: 'Doe',
          email: 'jane@example.com',
          city: 'Köln',
          postcode: '50667',
        },
        items: [
          { productId: 'MILK-1', categoryId: 'dairy', quantity: 2, unitPriceMinor: 119 },
          { productId: 'BREAD-2', categoryId: 'bakery', quantity: -1, unitPrice: '3.49' },
        ],
      }),
      '',
      order({ orderId: 'ord-2', currency: 'EUR' }),
    ].join('\r\n');
    const { items, lines, rejected } = await readAll('\uFEFF' + file);
    expect(rejected).toEqual([]);
    expect(items[0]).toEqual({
      kind: 'header',
      header: { format: 'ndjson', columns: {}, ignoredColumns: [] },
    });
    expect(lines).toEqual([
      {
        lineNumber: 1,
        orderId: 'ord-1',
        customerId: 'cus_1',
        orderedAt: '2026-01-05T09:00:00.000Z',
        sku: 'MILK-1',
        category: 'dairy',
        quantity: 2,
        lineTotalMinor: 238,
        currency: 'EUR', // none given: the store's, as in the API
        email: 'jane@example.com',
        firstName: 'Jane',
        lastName: 'Doe',
        city: 'Köln',
        postcode: '50667',
      },
      expect.objectContaining({ lineNumber: 1, sku: 'BREAD-2', quantity: -1, lineTotalMinor: -349 }),
      expect.objectContaining({ lineNumber: 3, orderId: 'ord-2', lineTotalMinor: 238 }),
    ]);
  });

  it('rejects broken lines by number, with the JSON path at fault, and reads on', async () => {
    const file = [
      order({}),
      '{"orderId": "ord-2", ',
      order({ orderId: 'ord-3', placedAt: undefined, extra: 1 }),
      order({ orderId: 'ord-4', placedAt: '2026-02-30T10:00:00Z' }),
      order({
        orderId: 'ord-5',
        items: [
          { productId: 'A', categoryId: 'c', quantity: 0, unitPriceMinor: 1 },
          { productId: 'B', categoryId: 'c', quantity: 1, unitPrice: '1.999' },
          { productId: 'C', categoryId: 'c', quantity: 1, unitPriceMinor: 5 },
        ],
      }),
      order({ orderId: 'ord-6', currency: 'USD' }),
    ].join('\n');
    const { lines, rejected } = await readAll(file);
    expect(lines.map((l) => [l.lineNumber, l.orderId, l.sku])).toEqual([
      [1, 'ord-1', 'MILK-1'],
      [5, 'ord-5', 'C'],
    ]);
    expect(rejected.map((r) => [r.lineNumber, r.column, r.reason])).toEqual([
      [2, undefined, expect.stringMatching(/^the line is not valid JSON/)],
      [3, 'placedAt', 'placedAt is missing; unknown field extra'],
      [4, 'placedAt', 'placedAt "2026-02-30T10:00:00Z" is not a real date: February 2026 has 28 days'],
      [5, 'items[0].quantity', 'items[0].quantity is 0: nothing was sold or returned'],
      [5, 'items[1].unitPrice', 'items[1].unitPrice: "1.999" has 3 decimals, but EUR has 2'],
      // An order-level problem is said once, not once per item.
      [
        6,
        'currency',
        'currency is USD, but the store sells in EUR: convert the amounts first, or import into a store set up for USD',
      ],
    ]);
  });

  it('rejects an over-long line and reads on', async () => {
    const file = [
      order({}),
      order({ orderId: 'x'.repeat(2 * 1024 * 1024) }),
      order({ orderId: 'ord-3' }),
    ].join('\n');
    const { lines, rejected } = await readAll(file);
    expect(lines.map((l) => l.orderId)).toEqual(['ord-1', 'ord-3']);
    expect(rejected).toEqual([
      {
        lineNumber: 2,
        reason: 'the line is 2 MiB long, more than the 1 MiB a line may have; it was skipped',
      },
    ]);
  });
});

describe('products file', () => {
  const read = (text: string) => readProducts(Readable.from([Buffer.from(text)]));

  it('is read into a catalogue by SKU with the same header rules as orders', async () => {
    const { products, rejected, columns } = await read(
      'Product ID;Name;Category\nMILK-1;"Whole milk; 1 L";dairy\nEGGS;;eggs\nMILK-1;Milk;dairy\n',
    );
    expect(columns).toEqual({ sku: 'Product ID', product_name: 'Name', category: 'Category' });
    expect([...products]).toEqual([
      ['MILK-1', { name: 'Whole milk; 1 L', category: 'dairy' }],
      ['EGGS', { category: 'eggs' }],
    ]);
    expect(rejected).toEqual([]);
  });

  it('rejects rows without a category, bad SKUs and a SKU given two categories', async () => {
    const { products, rejected } = await read('sku,category\nA,dairy\nB,\nC D,x\nA,bakery\n');
    expect([...products.keys()]).toEqual(['A']);
    expect(rejected.map((r) => [r.lineNumber, r.reason])).toEqual([
      [3, 'category is empty'],
      [4, expect.stringContaining('sku "C D" may hold only')],
      [5, 'SKU "A" is already on line 2 with category "dairy"'],
    ]);
  });

  it('refuses a file without the columns it needs', async () => {
    await expect(read('sku,name\nA,B\n')).rejects.toThrow(ImportFileError);
    await expect(read('sku,name\nA,B\n')).rejects.toThrow(
      /no category \(accepted names: "category", "category_id"/,
    );
  });
});
