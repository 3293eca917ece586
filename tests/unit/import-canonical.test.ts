import { describe, expect, it } from 'vitest';
import { ImportFileError } from '@/lib/imports/import-types';
import { csv, readAll } from '../support/read-import';

const HEADER = 'order_id,customer_id,ordered_at,sku,product_name,category,quantity,line_total,currency';

describe('canonical line-item CSV', () => {
  it('reads each row into an order line with exact money, a UTC instant and its line number', async () => {
    const { items, lines, rejected } = await readAll(
      csv(
        HEADER + ',email,first_name,last_name,city,postcode,country',
        '1001,C-17,2026-03-05T14:22:10+01:00,MILK-1,Whole milk 1 L,dairy,2,2.38,EUR,jane@example.com,Jane,Doe,Köln,50667,DE',
        '1002,C-18,2026-03-06,BREAD-2,Sourdough,bakery,1,3.49,EUR,,,,,,',
        // Rows of one order need not be adjacent.
        '1001,C-17,2026-03-05T14:22:10+01:00,EGGS-6,Eggs,eggs,1,0,EUR,,,,,,',
      ),
    );
    expect(rejected).toEqual([]);
    expect(items[0]).toEqual({
      kind: 'header',
      header: {
        format: 'canonical',
        delimiter: ',',
        ignoredColumns: [],
        columns: expect.objectContaining({ order_id: 'order_id', line_total: 'line_total', email: 'email' }),
      },
    });
    expect(lines[0]).toEqual({
      lineNumber: 2,
      orderId: '1001',
      customerId: 'C-17',
      orderedAt: '2026-03-05T13:22:10.000Z',
      sku: 'MILK-1',
      productName: 'Whole milk 1 L',
      category: 'dairy',
      quantity: 2,
      lineTotalMinor: 238,
      currency: 'EUR',
      email: 'jane@example.com',
      firstName: 'Jane',
      lastName: 'Doe',
      city: 'Köln',
      postcode: '50667',
      country: 'DE',
    });
    // A date alone is the store's local midnight (Berlin, winter: UTC+1).
    expect(lines[1]).toMatchObject({
      lineNumber: 3,
      orderedAt: '2026-03-05T23:00:00.000Z',
      lineTotalMinor: 349,
    });
    // A free item is a line worth 0, not a rejection.
    expect(lines[2]).toMatchObject({ lineNumber: 4, orderId: '1001', sku: 'EGGS-6', lineTotalMinor: 0 });
  });

  it('accepts common header names whatever their case and spacing, and says which column it read', async () => {
    const { items, lines } = await readAll(
      csv(
        ' Order ID ;Customer;Order Date;Product ID;Product;Category;Qty;Total;Currency;Notes',
        '1001;C1;2026-03-05 09:00;MILK-1;Milk;dairy;3;3.57;EUR;leave at door',
      ),
    );
    expect(items[0]).toMatchObject({
      kind: 'header',
      header: {
        delimiter: ';',
        columns: {
          order_id: 'Order ID',
          customer_id: 'Customer',
          ordered_at: 'Order Date',
          sku: 'Product ID',
          product_name: 'Product',
          quantity: 'Qty',
          line_total: 'Total',
        },
        ignoredColumns: ['Notes'],
      },
    });
    expect(lines).toMatchObject([{ orderId: '1001', quantity: 3, lineTotalMinor: 357 }]);
  });

  it('reads any other column through --map, which wins over a name or an alias', async () => {
    const { items, lines } = await readAll(
      csv(
        'Beleg,customer_id,Created at,date,sku,category,quantity,line_total,currency',
        'B-7,C1,2026-03-05 09:00,1999-01-01,MILK-1,dairy,1,1.19,EUR',
      ),
      {
        map: new Map([
          ['Beleg', 'order_id'],
          ['created at', 'ordered_at'],
        ]),
      },
    );
    expect(items[0]).toMatchObject({
      header: { columns: { order_id: 'Beleg', ordered_at: 'Created at' }, ignoredColumns: ['date'] },
    });
    expect(lines).toMatchObject([{ orderId: 'B-7', orderedAt: '2026-03-05T08:00:00.000Z' }]);
  });

  it('refuses a header without a required column before any line, naming it and the names accepted', async () => {
    const { items, error } = await readAll(
      csv('order_id,ordered_at,sku,category,qty,currency', '1,2026-01-01,A,b,1,EUR'),
    );
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).lineNumber).toBe(1);
    expect(error?.message).toContain(
      'no customer_id (accepted names: "customer_id", "customer", "customerid")',
    );
    expect(error?.message).toContain(
      'no line_total (accepted names: "line_total", "total", "amount", "line_amount") or unit_price',
    );
    expect(error?.message).toContain('--map');
  });

  it('refuses two columns meaning the same thing, and a --map naming a column the file lacks', async () => {
    const twice = await readAll(csv(HEADER + ',SKU', '1,C,2026-01-01,A,n,c,1,1,EUR,B'));
    expect(twice.error?.message).toContain('the columns "sku", "SKU" all mean sku');
    // A column's own name wins over an alias: "amount" beside line_total is some other amount.
    const own = await readAll(csv(HEADER + ',amount', '1,C,2026-01-01,A,n,c,1,1,EUR,9'));
    expect(own.items[0]).toMatchObject({ header: { ignoredColumns: ['amount'] } });
    expect(own.lines).toMatchObject([{ lineTotalMinor: 100 }]);
    // "total" and "amount" are both aliases: neither wins on its own.
    const aliases = await readAll(
      csv(
        'order_id,customer_id,ordered_at,sku,category,quantity,total,amount,currency',
        '1,C,2026-01-01,A,c,1,1,1,EUR',
      ),
    );
    expect(aliases.error?.message).toContain('the columns "total", "amount" all mean line_total');
    const badMap = await readAll(csv(HEADER, '1,C,2026-01-01,A,n,c,1,1,EUR'), {
      map: new Map([
        ['Datum', 'ordered_at'],
        ['sku', 'article'],
      ]),
    });
    expect(badMap.error?.message).toContain('--map "Datum=ordered_at": the file has no column "Datum"');
    expect(badMap.error?.message).toContain('"article" is not an import column');
  });

  it('computes line_total from quantity × unit_price exactly when it is absent', async () => {
    const { lines } = await readAll(
      csv(
        'order_id,customer_id,ordered_at,sku,category,quantity,unit_price,line_total,currency',
        // 3 × 0.10 is 0.30000000000000004 in floating point; in minor units it is 30.
        '1,C,2026-01-05,A,c,3,0.10,,EUR',
        '2,C,2026-01-05,A,c,-2,1.25,,EUR',
        '3,C,2026-01-05,A,c,2,9.99,15.00,EUR',
      ),
    );
    expect(lines.map((l) => l.lineTotalMinor)).toEqual([30, -250, 1500]);
  });

  it('reads consent columns: true/false/yes/no/1/0, empty = not given', async () => {
    const { lines, rejected } = await readAll(
      csv(
        HEADER + ',consent_analytics,consent_personalization,consent_ai_processing,consent_marketing',
        '1,C,2026-01-05,A,n,c,1,1,EUR,YES,0,,false',
        '2,C,2026-01-05,A,n,c,1,1,EUR,,,,',
        '3,C,2026-01-05,A,n,c,1,1,EUR,maybe,,,',
      ),
    );
    expect(lines[0]?.consent).toEqual({ analytics: true, personalization: false, marketing: false });
    expect(lines[1]?.consent).toBeUndefined();
    expect(rejected).toMatchObject([
      {
        lineNumber: 4,
        column: 'consent_analytics',
        reason: 'consent_analytics "maybe" is not one of true, false, yes, no, 1, 0',
      },
    ]);
  });

  it('fills an empty category and name from the products file, and says so when it cannot', async () => {
    const products = new Map([['MILK-1', { name: 'Whole milk 1 L', category: 'dairy' }]]);
    const file = csv(HEADER, '1,C,2026-01-05,MILK-1,,,1,1.19,EUR', '1,C,2026-01-05,SOAP,Soap,,1,2,EUR');
    const { lines, rejected } = await readAll(file, { products });
    expect(lines).toMatchObject([{ sku: 'MILK-1', productName: 'Whole milk 1 L', category: 'dairy' }]);
    expect(rejected).toMatchObject([
      {
        lineNumber: 3,
        column: 'category',
        reason: 'category is empty and SKU "SOAP" is not in the products file',
      },
    ]);
    const without = await readAll(file);
    expect(without.rejected[0]?.reason).toBe(
      'category is empty: give a products file (sku, product_name, category) to fill it in',
    );
  });

  it('maps customer ids to this product’s form: kept when valid, hashed when not, from the e-mail when empty', async () => {
    const file = csv(
      HEADER + ',email',
      '1,cus_42,2026-01-05,A,n,c,1,1,EUR,',
      '2,C.42:7,2026-01-05,A,n,c,1,1,EUR,',
      '3,C.42:7,2026-01-05,A,n,c,1,1,EUR,',
      '4,,2026-01-05,A,n,c,1,1,EUR,Jane@Example.com ',
      '5,,2026-01-05,A,n,c,1,1,EUR,',
      '6,jane@example.com,2026-01-05,A,n,c,1,1,EUR,',
    );
    const { lines, rejected } = await readAll(file, { customerIdForEmail: (email) => `em_${email.length}` });
    expect(lines.map((l) => l.customerId)).toEqual([
      'cus_42',
      expect.stringMatching(/^cid_[0-9a-f]{32}$/),
      lines[1]?.customerId, // the same source id, the same customer
      'em_16', // trimmed and lower-cased before the caller's function sees it
    ]);
    expect(rejected).toMatchObject([
      { lineNumber: 6, reason: 'customer_id is empty and the line has no e-mail to tell the customer by' },
      {
        lineNumber: 7,
        column: 'customer_id',
        reason: expect.stringContaining('may hold only letters, digits and _ . : # -'),
      },
    ]);
  });
});
