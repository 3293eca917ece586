import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { getDocClient } from '../aws/clients';
import { tableName } from './table-name';
import type { TableName } from './tables';

const BATCH = 25; // DynamoDB's BatchWriteItem limit

/**
 * Puts many items into one table, 25 per request and `concurrency` requests in flight, retrying what DynamoDB
 * returns unprocessed with exponential backoff. For bulk loads (seed, imports); puts are idempotent by key.
 */
export async function batchPut(
  name: TableName,
  items: Record<string, unknown>[],
  concurrency = 4,
): Promise<void> {
  const table = tableName(name);
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH) chunks.push(items.slice(i, i + BATCH));
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] as Record<string, unknown>[];
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 10) throw new Error(`DynamoDB kept refusing writes to ${table}`);
        if (attempt) await new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** attempt)));
        const result = await getDocClient().send(
          new BatchWriteCommand({ RequestItems: { [table]: pending } }),
        );
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, lane));
}
