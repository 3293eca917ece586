import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAllCustomers } from '@/lib/customers/list-all-customers';
import { runImport, type ImportResult } from '@/lib/imports/run-import';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { getOrder } from '@/lib/orders/get-order';
import { netMinor } from '@/lib/orders/order';
import { getBusinessOverview } from '@/lib/overview/get-business-overview';
import { storeTotals } from './support/import-kit';
import { startTestStack } from './support/test-stack';

/**
 * The same four orders of three customers, once as Shopify exports them (order-level values on the first row only, a
 * line discount, a refunded amount) and once as canonical lines (customers by e-mail, the discount taken off the line
 * total, the refund as a return line).
 */
const SHOPIFY = `Name,Email,Financial Status,Accepts Marketing,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Billing Name,Billing City,Billing Zip,Billing Country,Refunded Amount,Total
#1001,jane@example.com,partially_refunded,yes,EUR,2025-03-05 14:22:10 +0100,2,Oat drink 1 L,4.99,OAT-1,,Jane van Dijk,Köln,50667,DE,4.99,23.97
#1001,,,,,,1,"Sourdough loaf, 750 g",13.99,BREAD-7,1.00,,,,,,
#1002,omar@example.com,paid,no,EUR,2025-03-06 09:15:00 +0100,3,Oat drink 1 L,4.99,OAT-1,,Omar Haddad,Berlin,10115,DE,,14.97
#1003,jane@example.com,paid,yes,EUR,2025-04-01 18:00:00 +0200,1,Coffee beans 500 g,6.99,COF-500,0.50,Jane van Dijk,Köln,50667,DE,,6.49
#1004,lea@example.com,paid,,EUR,2025-04-02 08:30:00 +0200,4,Sourdough loaf 750 g,3.49,BREAD-7,,Lea Roth,Hamburg,20095,DE,,13.96
`;

const CANONICAL = `order_id,customer_id,email,ordered_at,sku,quantity,line_total,currency,first_name,last_name,city,postcode,country,consent_marketing
1001,,jane@example.com,2025-03-05T14:22:10+01:00,OAT-1,2,9.98,EUR,Jane,van Dijk,Köln,50667,DE,yes
1002,,omar@example.com,2025-03-06T09:15:00+01:00,OAT-1,3,14.97,EUR,Omar,Haddad,Berlin,10115,DE,no
1001,,jane@example.com,2025-03-05T14:22:10+01:00,BREAD-7,1,12.99,EUR,,,,,,
1004,,lea@example.com,2025-04-02T08:30:00+02:00,BREAD-7,4,13.96,EUR,Lea,Roth,Hamburg,20095,DE,
1003,,jane@example.com,2025-04-01T18:00:00+02:00,COF-500,1,6.49,EUR,Jane,van Dijk,Köln,50667,DE,yes
1001,,jane@example.com,2025-03-05T14:22:10+01:00,OAT-1,-1,-4.99,EUR,,,,,,
`;

const PRODUCTS = `sku;product_name;category
OAT-1;Oat drink 1 L;dairy
BREAD-7;"Sourdough loaf, 750 g";bakery
COF-500;Coffee beans 500 g;pantry
`;

interface Outcome {
  result: ImportResult;
  totals: Awaited<ReturnType<typeof storeTotals>>;
  weeks: Awaited<ReturnType<typeof getBusinessOverview>>;
  nets: (number | undefined)[];
  customers: string[];
}

/** Imports one file into a fresh store and reads back what it holds. */
async function importInto(name: string, text: string): Promise<Outcome> {
  const stack = await startTestStack();
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-shopify-'));
    const file = path.join(dir, name);
    const products = path.join(dir, 'products.csv');
    fs.writeFileSync(file, text);
    fs.writeFileSync(products, PRODUCTS);
    const result = await runImport({
      ordersFile: file,
      productsFile: products,
      format: 'auto',
      dryRun: false,
      requestedBy: 'test',
    });
    const nets = await Promise.all(
      ['1001', '1002', '1003', '1004'].map(async (id) => {
        const order = await getOrder(id);
        return order && netMinor(order);
      }),
    );
    const customers = (await listAllCustomers())
      .map((c) => `${c.customerId} ${c.firstName} ${c.city}`)
      .sort();
    const outcome = {
      result,
      totals: await storeTotals(),
      weeks: await getBusinessOverview(),
      nets,
      customers,
    };
    await closeEventPublisher();
    return outcome;
  } finally {
    await stack.close();
  }
}

describe('a Shopify export and a canonical file of the same orders', () => {
  afterAll(async () => {
    await closeEventPublisher();
  });

  it('give the same orders, customers, net revenue and weeks', async () => {
    const shopify = await importInto('orders_export.csv', SHOPIFY);
    const canonical = await importInto('orders.csv', CANONICAL);
    expect(shopify.result.header?.format).toBe('shopify');
    expect(canonical.result.header?.format).toBe('canonical');
    expect(shopify.result.summary.linesRejected).toBe(0);
    expect(canonical.result.summary.linesRejected).toBe(0);
    // 9.98 + 12.99 − 4.99 refunded, 14.97, 6.49, 13.96
    expect(shopify.totals).toEqual({ orders: 4, buyers: 3, customers: 3, netRevenueMinor: 5340 });
    expect(canonical.totals).toEqual(shopify.totals);
    expect(canonical.nets).toEqual(shopify.nets);
    expect(canonical.customers).toEqual(shopify.customers);
    expect(canonical.weeks.totals).toMatchObject({
      orders: shopify.weeks.totals?.orders,
      customers: shopify.weeks.totals?.customers,
      revenueMinor: shopify.weeks.totals?.revenueMinor,
    });
    expect(canonical.weeks.weeks).toEqual(shopify.weeks.weeks);
  }, 120_000);
});
