import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { getConfig } from '@/lib/config';
import { listAllCustomers } from '@/lib/customers/list-all-customers';
import { generateSampleCsv, type SampleOptions, type SampleSummary } from '@/lib/imports/generate-sample';
import { listShardIds, readRecords, shardIterator } from '@/lib/kinesis/consumer/shard-reader';
import { netMinor } from '@/lib/orders/order';
import { scanOrderFacts } from '@/lib/orders/scan-order-facts';

/** Writes H2a's seeded messy canonical CSV to `dir`; returns the file and the summary its import must reach. */
export function writeSample(
  dir: string,
  name: string,
  options: SampleOptions,
): { file: string; expected: SampleSummary } {
  const { csv, summary } = generateSampleCsv(options);
  const file = path.join(dir, name);
  fs.writeFileSync(file, csv);
  return { file, expected: summary };
}

/** What the store holds, read back through the owners: orders, distinct buyers, customers, net revenue. */
export async function storeTotals(): Promise<{
  orders: number;
  buyers: number;
  customers: number;
  netRevenueMinor: number;
}> {
  let orders = 0;
  let netRevenueMinor = 0;
  const buyers = new Set<string>();
  for await (const page of scanOrderFacts()) {
    for (const order of page) {
      orders++;
      netRevenueMinor += netMinor(order);
      buyers.add(order.customerId);
    }
  }
  return { orders, buyers: buyers.size, customers: (await listAllCustomers()).length, netRevenueMinor };
}

/** The rejects file's rows (line, column, reason, raw). */
export function readRejects(file: string): { line: number; column: string; reason: string; raw: string }[] {
  const rows = parse(fs.readFileSync(file), { columns: true }) as Record<string, string>[];
  return rows.map((r) => ({
    line: Number(r.line),
    column: r.column ?? '',
    reason: r.reason ?? '',
    raw: r.raw ?? '',
  }));
}

/** Every event type on the events stream so far (all shards, from the oldest record). */
export async function streamEventTypes(): Promise<string[]> {
  const stream = getConfig().EVENTS_STREAM;
  const types: string[] = [];
  for (const shardId of await listShardIds(stream)) {
    let iterator: string | undefined = await shardIterator(stream, shardId);
    while (iterator) {
      const page = await readRecords(iterator, 1000);
      for (const record of page.records)
        types.push((JSON.parse(Buffer.from(record.data).toString('utf8')) as { type: string }).type);
      // An open shard's iterator never ends: stop once a read returns nothing new.
      if (!page.records.length) break;
      iterator = page.next;
    }
  }
  return types;
}
