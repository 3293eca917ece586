import { forEachLimit } from '../for-each-limit';
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { getDocClient } from '../aws/clients';
import type { Item } from './items';
import { tableName } from './table-name';
import { keyOf, type TableName } from './tables';

const WRITE_BATCH = 25; // BatchWriteItem's limit
const GET_BATCH = 100; // BatchGetItem's limit
const MAX_ATTEMPTS = 10;

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** attempt)));

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

async function batchWrite(name: TableName, requests: WriteRequest[], concurrency: number): Promise<void> {
  const table = tableName(name);
  await forEachLimit(chunk(requests, WRITE_BATCH), concurrency, async (batch) => {
    let pending = batch;
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`DynamoDB kept refusing writes to ${table}`);
      if (attempt) await backoff(attempt);
      const result = await getDocClient().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as WriteRequest[];
    }
  });
}

/**
 * Puts many items into one table, 25 per request and `concurrency` requests in flight, retrying what DynamoDB
 * returns unprocessed with exponential backoff. Unconditional: for bulk loads and for writes that are idempotent
 * by key (idempotency marks, claims only one shard's owner makes).
 */
export async function batchPut(name: TableName, items: Item[], concurrency = 4): Promise<void> {
  await batchWrite(
    name,
    items.map((Item) => ({ PutRequest: { Item } })),
    concurrency,
  );
}

/** Deletes many items (given whole or as keys: only the key attributes are sent), 25 per request. */
export async function batchDelete(name: TableName, items: Item[], concurrency = 4): Promise<void> {
  await batchWrite(
    name,
    items.map((item) => ({ DeleteRequest: { Key: keyOf(name, item) } })),
    concurrency,
  );
}

/**
 * The items that exist for `keys` (100 per request; any order, missing ones absent), retrying unprocessed keys.
 * `consistent` reads the latest writes, as getItem's option does.
 */
export async function batchGet(
  name: TableName,
  keys: Item[],
  options: {
    consistent?: boolean;
    concurrency?: number;
    /** Only these top-level attributes (the key is always among them), e.g. one field of large items. */
    attributes?: readonly string[];
  } = {},
): Promise<Item[]> {
  const table = tableName(name);
  const names = options.attributes?.map((a, i) => [`#p${i}`, a] as const);
  const projection = names
    ? {
        ProjectionExpression: names.map(([n]) => n).join(', '),
        ExpressionAttributeNames: Object.fromEntries(names),
      }
    : {};
  // BatchGetItem refuses duplicate keys in one request.
  const seen = new Set<string>();
  const unique = keys.filter((key) => {
    const id = JSON.stringify(keyOf(name, key));
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const found: Item[] = [];
  await forEachLimit(chunk(unique, GET_BATCH), options.concurrency ?? 4, async (batch) => {
    let pending: Item[] = batch;
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`DynamoDB kept refusing reads from ${table}`);
      if (attempt) await backoff(attempt);
      const result = await getDocClient().send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistent, ...projection } },
        }),
      );
      found.push(...((result.Responses?.[table] ?? []) as Item[]));
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
    }
  });
  return found;
}
