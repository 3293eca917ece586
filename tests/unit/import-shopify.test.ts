import { describe, expect, it } from 'vitest';
import { customerIdForEmailWith } from '@/lib/imports/email-customer-id';
import { ImportFileError } from '@/lib/imports/import-types';
import { csv, readAll } from '../support/read-import';

/** The columns of Shopify's orders export, in its order. */
const SHOPIFY_COLUMNS = [
  'Name',
  'Email',
  'Financial Status',
  'Paid at',
  'Fulfillment Status',
  'Fulfilled at',
  'Accepts Marketing',
  'Currency',
  'Subtotal',
  'Shipping',
  'Taxes',
  'Total',
  'Discount Code',
  'Discount Amount',
  'Shipping Method',
  'Created at',
  'Lineitem quantity',
  'Lineitem name',
  'Lineitem price',
  'Lineitem compare at price',
  'Lineitem sku',
  'Lineitem requires shipping',
  'Lineitem taxable',
  'Lineitem fulfillment status',
  'Billing Name',
  'Billing Street',
  'Billing City',
  'Billing Zip',
  'Billing Country',
  'Notes',
  'Cancelled at',
  'Payment Method',
  'Refunded Amount',
  'Vendor',
  'Id',
  'Tags',
  'Lineitem discount',
];

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const shopifyRow = (values: Record<string, string>) =>
  SHOPIFY_COLUMNS.map((c) => quote(values[c] ?? '')).join(',');

/** An order as Shopify writes it: order-level values on the first row only. */
const EXPORT = csv(
  SHOPIFY_COLUMNS.join(','),
  shopifyRow({
    Name: '#1001',
    Email: 'Jane.Doe@Example.com',
    'Financial Status': 'partially_refunded',
    'Accepts Marketing': 'yes',
    Currency: 'USD',
    Total: '23.97',
    'Created at': '2024-03-05 14:22:10 -0500',
    'Lineitem quantity': '2',
    'Lineitem name': 'Oat drink 1 L',
    'Lineitem price': '4.99',
    'Lineitem sku': 'OAT-1',
    'Billing Name': 'Jane van Dijk',
    'Billing City': 'Brooklyn',
    'Billing Zip': '11201',
    'Billing Country': 'US',
    'Refunded Amount': '4.99',
    Id: '5512345678',
  }),
  shopifyRow({
    Name: '#1001',
    'Lineitem quantity': '1',
    'Lineitem name': 'Sourdough loaf, 750 g',
    'Lineitem price': '13.99',
    'Lineitem sku': 'BREAD-7',
    'Lineitem discount': '1.00',
  }),
  shopifyRow({
    Name: '#1002',
    Email: 'sam@example.com',
    'Financial Status': 'paid',
    'Accepts Marketing': 'no',
    Currency: 'USD',
    'Created at': '2024-03-06 09:00:00 -0500',
    'Lineitem quantity': '1',
    'Lineitem name': 'Oat drink 1 L',
    'Lineitem price': '4.99',
    'Lineitem sku': 'OAT-1',
  }),
);

const PRODUCTS = new Map([
  ['OAT-1', { name: 'Oat drink 1 L', category: 'dairy' }],
  ['BREAD-7', { category: 'bakery' }],
]);
const KEY = 'a-test-pseudonym-key-0123456789';
const OPTIONS = {
  storeCurrency: 'USD',
  storeTimeZone: 'America/New_York',
  products: PRODUCTS,
  customerIdForEmail: customerIdForEmailWith(KEY),
};

describe("Shopify's orders export", () => {
  it('is recognised by its headers and read into lines, order-level values carried to later rows', async () => {
    const { items, lines, rejected } = await readAll(EXPORT, OPTIONS);
    expect(rejected).toEqual([]);
    expect(items[0]).toMatchObject({
      kind: 'header',
      header: {
        format: 'shopify',
        columns: {
          order_id: 'Name',
          ordered_at: 'Created at',
          unit_price: 'Lineitem price',
          sku: 'Lineitem sku',
          email: 'Email',
        },
        ignoredColumns: expect.arrayContaining(['Paid at', 'Total', 'Tags']),
      },
    });
    const jane = customerIdForEmailWith(KEY)('jane.doe@example.com');
    expect(lines).toEqual([
      {
        lineNumber: 2,
        orderId: '1001',
        customerId: jane,
        orderedAt: '2024-03-05T19:22:10.000Z',
        sku: 'OAT-1',
        productName: 'Oat drink 1 L',
        category: 'dairy',
        quantity: 2,
        lineTotalMinor: 998,
        currency: 'USD',
        email: 'Jane.Doe@Example.com',
        firstName: 'Jane',
        lastName: 'van Dijk',
        city: 'Brooklyn',
        postcode: '11201',
        country: 'US',
        consent: { marketing: true },
        orderRefundedMinor: 499,
      },
      {
        // The second row has no Created at, Currency or Email of its own: the order's are carried over.
        lineNumber: 3,
        orderId: '1001',
        customerId: jane,
        orderedAt: '2024-03-05T19:22:10.000Z',
        sku: 'BREAD-7',
        productName: 'Sourdough loaf, 750 g',
        category: 'bakery', // from the products file
        quantity: 1,
        lineTotalMinor: 1299, // 13.99 less the line's 1.00 discount
        currency: 'USD',
        email: 'Jane.Doe@Example.com',
        firstName: 'Jane',
        lastName: 'van Dijk',
        city: 'Brooklyn',
        postcode: '11201',
        country: 'US',
        consent: { marketing: true },
        // The refund is the order's: carried once, not on every line.
      },
      expect.objectContaining({ lineNumber: 4, orderId: '1002', consent: { marketing: false } }),
    ]);
    expect(lines[2]?.customerId).not.toBe(jane);
  });

  it('pseudonymises the e-mail into the same customer id on every run, and another under another key', async () => {
    const first = await readAll(EXPORT, OPTIONS);
    const again = await readAll(EXPORT, { ...OPTIONS, customerIdForEmail: customerIdForEmailWith(KEY) });
    const otherKey = await readAll(EXPORT, {
      ...OPTIONS,
      customerIdForEmail: customerIdForEmailWith('another-key-0123456789'),
    });
    const ids = (r: typeof first) => r.lines.map((l) => l.customerId);
    expect(ids(again)).toEqual(ids(first));
    expect(ids(first)[0]).toMatch(/^em_[0-9a-f]{32}$/);
    expect(ids(first)[0]).not.toContain('jane');
    expect(ids(otherKey)[0]).not.toBe(ids(first)[0]);
  });

  it('rejects lines whose SKU has no category in the products file, naming it', async () => {
    const { rejected } = await readAll(EXPORT, {
      ...OPTIONS,
      products: new Map([['OAT-1', { category: 'dairy' }]]),
    });
    expect(rejected).toEqual([
      expect.objectContaining({
        lineNumber: 3,
        column: 'category',
        reason: 'SKU "BREAD-7" is not in the products file, so its category is unknown',
      }),
    ]);
  });

  it('needs a products file at all, and says so before any line', async () => {
    const { items, error } = await readAll(EXPORT, { ...OPTIONS, products: undefined });
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error?.message).toContain('A Shopify export has no product categories');
  });

  it('rejects voided orders and rows without an e-mail, and keeps other stores’ currencies out', async () => {
    const file = csv(
      SHOPIFY_COLUMNS.join(','),
      shopifyRow({
        Name: '#2001',
        Email: 'a@example.com',
        'Financial Status': 'voided',
        Currency: 'USD',
        'Created at': '2024-03-05 14:22:10 -0500',
        'Lineitem quantity': '1',
        'Lineitem price': '4.99',
        'Lineitem sku': 'OAT-1',
      }),
      shopifyRow({
        Name: '#2002',
        Currency: 'USD',
        'Created at': '2024-03-05 14:22:10 -0500',
        'Lineitem quantity': '1',
        'Lineitem price': '4.99',
        'Lineitem sku': 'OAT-1',
      }),
      shopifyRow({
        Name: '#2003',
        Email: 'b@example.com',
        Currency: 'CAD',
        'Created at': '2024-03-05 14:22:10 -0500',
        'Lineitem quantity': '1',
        'Lineitem price': '4.99',
        'Lineitem sku': 'OAT-1',
      }),
    );
    const { lines, rejected } = await readAll(file, OPTIONS);
    expect(lines).toEqual([]);
    expect(rejected.map((r) => [r.lineNumber, r.column, r.reason])).toEqual([
      [
        2,
        'Financial Status',
        'Financial Status is "voided": the order was cancelled before anything was paid',
      ],
      [3, 'Email', 'Email is empty: the customer is known by e-mail only'],
      [
        4,
        'Currency',
        'Currency is CAD, but the store sells in USD: convert the amounts first, or import into a store set up for CAD',
      ],
    ]);
  });

  it('can be forced and re-mapped like any CSV', async () => {
    const { items, lines, rejected } = await readAll(EXPORT, {
      ...OPTIONS,
      format: 'shopify',
      map: new Map([['Paid at', 'ordered_at']]),
    });
    expect(items[0]).toMatchObject({ header: { columns: { ordered_at: 'Paid at' } } });
    // Paid at is empty in this export: the mapping is honoured, and the lines say what is missing.
    expect(lines).toEqual([]);
    expect(rejected[0]).toMatchObject({ lineNumber: 2, column: 'Paid at', reason: 'Paid at is empty' });
  });
});
