import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET as runsRoute } from '@/app/api/v1/analysis/runs/route';
import { GET as customersRoute } from '@/app/api/v1/customers/route';
import { getCustomerItem } from '@/lib/customers/get-customer';
import { getImport, listImports } from '@/lib/imports/import-history';
import { runImport, type ImportResult } from '@/lib/imports/run-import';
import { readRejectExamples } from '@/lib/imports/reject-examples';
import { summaryLines } from '@/lib/imports/summary-lines';
import { closeEventPublisher } from '@/lib/kinesis/producer';
import { getOrder } from '@/lib/orders/get-order';
import { listAllCustomerOrders } from '@/lib/orders/list-all-customer-orders';
import { netMinor } from '@/lib/orders/order';
import { scanOrderFacts } from '@/lib/orders/scan-order-facts';
import { getBusinessTotals } from '@/lib/overview/get-business-overview';
import { readLedger } from '@/lib/privacy/consent/read-ledger';
import { putTombstone } from '@/lib/privacy/erasure/tombstones';
import { readRejects, storeTotals, streamEventTypes, writeSample } from './support/import-kit';
import { request, sessionCookie } from './support/http';
import { useTestStack } from './support/test-stack';

// Personalization by default, so the import's segment recompute scores (and publishes segment_updated): the stream
// then has events, and the test can tell that none of them is a purchase.
process.env.CONSENT_DEFAULT_GRANTED = 'analytics,personalization';

const SAMPLE = { seed: 'import-it', orders: 1_000, customers: 260, end: new Date('2025-12-31T18:00:00Z') };

const importFile = (file: string, extra: Partial<Parameters<typeof runImport>[0]> = {}) =>
  runImport({
    ordersFile: file,
    format: 'auto',
    dryRun: false,
    requestedBy: 'test',
    bucketBytes: 16 * 1024, // many small buckets: an order's rows are scattered over the file, and must meet
    ...extra,
  });

describe('importing an order history', () => {
  const stack = useTestStack();
  let sample: ReturnType<typeof writeSample>;
  let first: ImportResult;

  it('dry run: validates the whole file and says what would be imported, changing nothing', async () => {
    sample = writeSample(stack().dataDir, 'orders.csv', SAMPLE);
    expect(sample.expected.lines + sample.expected.rejected).toBeGreaterThan(3_000);
    const rejects = path.join(stack().dataDir, 'dry-rejects.csv');
    const dry = await importFile(sample.file, { dryRun: true, rejectsFile: rejects });
    expect(dry.summary).toMatchObject({
      lines: sample.expected.rows,
      linesImported: sample.expected.lines,
      linesRejected: sample.expected.rejected,
      orders: sample.expected.orders,
      customers: sample.expected.customers,
      customersNew: sample.expected.customers,
      netByCurrency: { EUR: sample.expected.netRevenueMinor },
    });
    expect(readRejects(rejects)).toHaveLength(sample.expected.rejected);
    expect(await storeTotals()).toEqual({ orders: 0, buyers: 0, customers: 0, netRevenueMinor: 0 });
    expect(await getBusinessTotals()).toBeNull();
    expect((await listImports(10)).imports).toEqual([]);
  });

  it('stores exactly the orders, customers and net revenue the file holds, to the cent', async () => {
    first = await importFile(sample.file);
    expect(first.summary.linesImported + first.summary.linesRejected).toBe(sample.expected.rows);
    expect(await storeTotals()).toEqual({
      orders: sample.expected.orders,
      buyers: sample.expected.customers,
      customers: sample.expected.customers,
      netRevenueMinor: sample.expected.netRevenueMinor,
    });
    // The Overview, rebuilt from the orders table: net revenue, every customer, every order.
    expect(await getBusinessTotals()).toMatchObject({
      orders: sample.expected.orders,
      customers: sample.expected.customers,
      revenueMinor: sample.expected.netRevenueMinor,
      currency: 'EUR',
    });
    const record = await getImport(first.importId);
    expect(record).toMatchObject({
      status: 'completed',
      phase: 'done',
      fileName: 'orders.csv',
      format: 'canonical',
      sizeBytes: fs.statSync(sample.file).size,
      summary: { orders: sample.expected.orders, linesRejected: sample.expected.rejected },
    });
    expect(record?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('turns return lines into refunds that lower the order’s net value, not its total', async () => {
    expect(sample.expected.returnLines).toBeGreaterThan(0);
    expect(first.summary.ordersWithReturns).toBeGreaterThan(0);
    const refunds = first.summary.refundsByCurrency.EUR ?? 0;
    expect(first.summary.salesByCurrency.EUR! - refunds).toBe(sample.expected.netRevenueMinor);
    let withRefund: string | undefined;
    for await (const page of scanOrderFacts()) withRefund ??= page.find((o) => o.refunds?.length)?.orderId;
    const order = await getOrder(withRefund!);
    expect(order?.refunds?.[0]).toMatchObject({
      refundId: expect.stringMatching(/^ret-\d+$/),
      source: 'import',
    });
    expect(order!.refundedMinor).toBeGreaterThan(0);
    expect(order!.refundedMinor).toBeLessThanOrEqual(order!.totalMinor);
    expect(order!.totalMinor).toBe(order!.items.reduce((s, i) => s + i.quantity * i.unitPriceMinor, 0));
  });

  it('lists every rejected line in the rejects file with its line number, column and reason', async () => {
    const rows = readRejects(first.rejectsFile);
    expect(rows).toHaveLength(sample.expected.rejected);
    expect(new Set(rows.map((r) => r.line)).size).toBe(rows.length);
    const lines = fs.readFileSync(sample.file, 'utf8').split('\n');
    for (const row of rows) {
      expect(row.line).toBeGreaterThan(1);
      expect(row.reason.length).toBeGreaterThan(10);
      expect(lines[row.line - 1]).toContain(row.raw.slice(0, 20).split('\n')[0]);
    }
    const byKind = Object.values(first.summary.rejectedByReason).reduce((s, n) => s + n, 0);
    expect(byKind).toBe(sample.expected.rejected);
    // Each kind points to its first line, and the summary printed at the end shows that line's whole reason.
    const kinds = Object.keys(first.summary.rejectedByReason);
    expect(Object.keys(first.summary.firstRejectedLine).sort()).toEqual([...kinds].sort());
    const earliest = rows.reduce((a, b) => (b.line < a.line ? b : a));
    const earliestKind = kinds.find((k) => first.summary.firstRejectedLine[k] === earliest.line);
    expect(earliestKind).toBeDefined();
    const examples = await readRejectExamples(first.rejectsFile, first.summary.firstRejectedLine);
    expect(examples.find((e) => e.kind === earliestKind)?.reason).toBe(earliest.reason);
    expect(summaryLines(first, examples).join('\n')).toContain(
      `e.g. line ${earliest.line}: ${earliest.reason}`,
    );
  });

  it('records consent: the configured defaults for new customers, the file’s choice where it gives one', async () => {
    const customers = new Set(fs.readFileSync(sample.file, 'utf8').match(/\bC\d{6}\b/g));
    let defaults = 0;
    let choices = 0;
    for (const id of customers) {
      const ledger = await readLedger(id);
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({ source: 'import' });
      if (ledger[0]!.policyVersion === 'import-default') {
        defaults++;
        expect(ledger[0]!.state).toMatchObject({ analytics: true, personalization: true, marketing: false });
      } else choices++;
    }
    expect(defaults).toBeGreaterThan(0);
    expect(choices).toBeGreaterThan(0);
  });

  it('recomputes the summaries of the customers it touched from their orders', async () => {
    const order = await getOrder('ORD-0000001');
    const orders = await listAllCustomerOrders(order!.customerId);
    const customer = await getCustomerItem(order!.customerId);
    expect(customer).toMatchObject({
      orderCount: orders.length,
      totalSpentMinor: orders.reduce((s, o) => s + netMinor(o), 0),
      lastOrderAt: orders
        .map((o) => o.placedAt)
        .sort()
        .at(-1),
    });
    expect(customer?.purchases?.days.length).toBeGreaterThan(0);
  });

  it('imports the same file again without adding anything', async () => {
    const before = await storeTotals();
    const weeks = await getBusinessTotals();
    const again = await importFile(sample.file);
    expect(again.summary).toMatchObject({
      orders: sample.expected.orders,
      ordersUnchanged: sample.expected.orders,
      customersNew: 0,
      productsNew: 0,
      consentEntries: 0,
    });
    expect(await storeTotals()).toEqual(before);
    expect(await getBusinessTotals()).toMatchObject({
      orders: weeks?.orders,
      revenueMinor: weeks?.revenueMinor,
      customers: weeks?.customers,
    });
  });

  it('publishes no purchase event: a backfill is history, not live traffic', async () => {
    await closeEventPublisher();
    const types = await streamEventTypes();
    expect(types).toContain('segment_updated');
    expect(types).not.toContain('purchase');
  });

  it('queues an analysis run that shows on the Analysis page as started by an import', async () => {
    const response = await runsRoute(
      request('/api/v1/analysis/runs', { headers: { cookie: await sessionCookie('marketing') } }),
    );
    expect(response.status).toBe(200);
    const { runs } = (await response.json()) as { runs: { runId: string; trigger: string }[] };
    expect(runs).toContainEqual(
      expect.objectContaining({ runId: `run_${first.importId}`, trigger: 'import' }),
    );
    expect((await getImport(first.importId))?.analysisRunId).toBe(`run_${first.importId}`);
  });

  it('refuses the lines of an erased customer, saying why', async () => {
    await putTombstone('C_gone_1', 'req_test', new Date().toISOString());
    const file = path.join(stack().dataDir, 'erased.csv');
    fs.writeFileSync(
      file,
      'order_id,customer_id,ordered_at,sku,category,quantity,line_total,currency\n' +
        'GONE-1,C_gone_1,2025-06-01T10:00:00Z,MILK-1,dairy,2,2.38,EUR\n' +
        'GONE-1,C_gone_1,2025-06-01T10:00:00Z,BREAD-750,bakery,1,3.49,EUR\n' +
        'KEPT-1,C_kept_1,2025-06-01T11:00:00Z,MILK-1,dairy,1,1.19,EUR\n',
    );
    const result = await importFile(file);
    expect(result.summary).toMatchObject({ orders: 1, linesImported: 1, linesRejected: 2 });
    const rows = readRejects(result.rejectsFile);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0]!.reason).toContain('erased at their request');
    expect(await getOrder('GONE-1')).toBeUndefined();
    expect(await getCustomerItem('C_gone_1')).toBeUndefined();
    expect(await getOrder('KEPT-1')).toBeDefined();
  });

  it('finds a customer by the shop’s own id when the import had to turn it into a cid_ id', async () => {
    const file = path.join(stack().dataDir, 'dotted-ids.csv');
    fs.writeFileSync(
      file,
      'order_id,customer_id,ordered_at,sku,category,quantity,line_total,currency\n' +
        'DOT-1,SHOP#42.7,2025-06-02T10:00:00Z,MILK-1,dairy,1,1.19,EUR\n',
    );
    await importFile(file);
    const stored = (await getOrder('DOT-1'))!.customerId;
    expect(stored).toMatch(/^cid_[0-9a-f]{32}$/);
    const search = async () => {
      const response = await customersRoute(
        request(`/api/v1/customers?q=${encodeURIComponent(' SHOP#42.7 ')}`, {
          headers: { cookie: await sessionCookie('marketing') },
        }),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { customers: { customerId: string }[] }).customers.map(
        (c) => c.customerId,
      );
    };
    // The list reads a snapshot a few seconds old at most.
    const deadline = Date.now() + 15_000;
    let found = await search();
    while (!found.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      found = await search();
    }
    expect(found).toEqual([stored]);
  });
});
