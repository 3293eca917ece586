import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { getDocClient } from '../aws/clients';
import { tableName } from './table-name';
import type { TableName } from './tables';

/**
 * The item-level adapter domain services use instead of the SDK: logical table names in, plain objects out.
 * Callers parse what comes back with their zod schemas.
 */
export type Item = Record<string, unknown>;

export interface Expression {
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** A conditional write whose condition did not hold (mapped to 409 by the HTTP layer). */
export class ConditionFailedError extends Error {
  override name = 'ConditionalCheckFailedException';
}

async function conditional<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException')
      throw new ConditionFailedError((error as Error).message);
    throw error;
  }
}

/** One item by key; `consistent` reads the latest write (indexes and default reads may lag on real DynamoDB). */
export async function getItem(
  table: TableName,
  key: Item,
  options: { consistent?: boolean } = {},
): Promise<Item | undefined> {
  const { Item } = await getDocClient().send(
    new GetCommand({ TableName: tableName(table), Key: key, ConsistentRead: options.consistent }),
  );
  return Item;
}

export async function putItem(table: TableName, item: Item, expression: Expression = {}): Promise<void> {
  await conditional(() =>
    getDocClient().send(
      new PutCommand({
        TableName: tableName(table),
        Item: item,
        ConditionExpression: expression.condition,
        ExpressionAttributeNames: expression.names,
        ExpressionAttributeValues: expression.values,
      }),
    ),
  );
}

export async function deleteItem(table: TableName, key: Item, expression: Expression = {}): Promise<void> {
  await conditional(() =>
    getDocClient().send(
      new DeleteCommand({
        TableName: tableName(table),
        Key: key,
        ConditionExpression: expression.condition,
        ExpressionAttributeNames: expression.names,
        ExpressionAttributeValues: expression.values,
      }),
    ),
  );
}

/** Applies an UpdateExpression and returns the item as it is afterwards. */
export async function updateItem(
  table: TableName,
  key: Item,
  update: string,
  expression: Expression = {},
): Promise<Item | undefined> {
  const { Attributes } = await conditional(() =>
    getDocClient().send(
      new UpdateCommand({
        TableName: tableName(table),
        Key: key,
        UpdateExpression: update,
        ConditionExpression: expression.condition,
        ExpressionAttributeNames: expression.names,
        ExpressionAttributeValues: expression.values,
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return Attributes;
}

export interface QueryInput {
  index?: string;
  keyCondition: string;
  filter?: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
  /** Newest first when false (sort key descending). */
  forward?: boolean;
  limit?: number;
  /** Read the latest writes (table queries only; indexes are always eventually consistent). */
  consistent?: boolean;
}

/** Every item matching a key condition (all pages), or the first `limit`. */
export async function queryItems(table: TableName, input: QueryInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    // Without a limit DynamoDB returns up to 1 MB per page; with one, only what is still wanted.
    const page = await queryPage(table, { ...input, limit: input.limit ?? 0, startKey });
    items.push(...page.items);
    startKey = page.nextKey;
  } while (startKey && (input.limit === undefined || items.length < input.limit));
  return input.limit === undefined ? items : items.slice(0, input.limit);
}

/**
 * One page of a query: at most `limit` items (0: as many as DynamoDB returns in one page) and the key to continue
 * from (absent on the last page).
 */
export async function queryPage(
  table: TableName,
  input: QueryInput & { limit: number; startKey?: Item },
): Promise<{ items: Item[]; nextKey?: Item }> {
  const page = await getDocClient().send(
    new QueryCommand({
      TableName: tableName(table),
      IndexName: input.index,
      KeyConditionExpression: input.keyCondition,
      FilterExpression: input.filter,
      ExpressionAttributeNames: input.names,
      ExpressionAttributeValues: input.values,
      ScanIndexForward: input.forward ?? true,
      ExclusiveStartKey: input.startKey,
      Limit: input.limit > 0 ? input.limit : undefined,
      ConsistentRead: input.consistent,
    }),
  );
  return { items: page.Items ?? [], nextKey: page.LastEvaluatedKey };
}

/** Every item of a small table, optionally filtered. Not for large tables on a request path. */
export async function scanItems(
  table: TableName,
  filter?: { expression: string; values: Record<string, unknown>; names?: Record<string, string> },
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await getDocClient().send(
      new ScanCommand({
        TableName: tableName(table),
        FilterExpression: filter?.expression,
        ExpressionAttributeNames: filter?.names,
        ExpressionAttributeValues: filter?.values,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** One page of a scan (at most `limit` items) and the key to continue from, absent after the last page. */
export async function scanPage(
  table: TableName,
  input: {
    limit: number;
    startKey?: Item;
    consistent?: boolean;
    /** Only these top-level attributes (the rest is neither sent nor parsed). */
    attributes?: readonly string[];
  },
): Promise<{ items: Item[]; nextKey?: Item }> {
  const names = input.attributes?.map((a, i) => [`#p${i}`, a] as const);
  const page = await getDocClient().send(
    new ScanCommand({
      TableName: tableName(table),
      ProjectionExpression: names?.map(([n]) => n).join(', '),
      ExpressionAttributeNames: names ? Object.fromEntries(names) : undefined,
      Limit: input.limit,
      ExclusiveStartKey: input.startKey,
      ConsistentRead: input.consistent,
    }),
  );
  return { items: page.Items ?? [], nextKey: page.LastEvaluatedKey };
}
