import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { getDynamoClient } from '../aws/clients';
import { getConfig } from '../config';
import { tableName } from './table-name';
import { TABLES, type TableDefinition } from './tables';

function createInput(def: TableDefinition, physical: string): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const add = (a: { name: string; type: 'S' | 'N' } | undefined) => {
    if (a) attributes.set(a.name, { AttributeName: a.name, AttributeType: a.type });
  };
  add(def.hash);
  add(def.range);
  def.indexes.forEach((i) => (add(i.hash), add(i.range)));
  const keySchema = (hash: { name: string }, range?: { name: string }) => [
    { AttributeName: hash.name, KeyType: 'HASH' as const },
    ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: physical,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(def.hash, def.range),
    ...(def.indexes.length
      ? {
          GlobalSecondaryIndexes: def.indexes.map((i) => ({
            IndexName: i.name,
            KeySchema: keySchema(i.hash, i.range),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

async function listAll(): Promise<Set<string>> {
  const names = new Set<string>();
  let start: string | undefined;
  do {
    const page = await getDynamoClient().send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    page.TableNames?.forEach((n) => names.add(n));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}

async function waitActive(physical: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { Table } = await getDynamoClient().send(new DescribeTableCommand({ TableName: physical }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Table ${physical} did not become ACTIVE within 5 minutes`);
}

/** Real DynamoDB only (dynalite has no TTL): enables expiry unless it is already on or being switched on. */
async function ensureTtl(physical: string, attribute: string): Promise<void> {
  const { TimeToLiveDescription } = await getDynamoClient().send(
    new DescribeTimeToLiveCommand({ TableName: physical }),
  );
  if (TimeToLiveDescription?.TimeToLiveStatus !== 'DISABLED') return;
  try {
    await getDynamoClient().send(
      new UpdateTimeToLiveCommand({
        TableName: physical,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
  } catch (error) {
    // Another instance starting at the same moment won the race ("already enabled" / "in progress").
    if ((error as Error).name !== 'ValidationException') throw error;
  }
}

/**
 * Adds the registry's indexes that an existing table lacks (a newer version of the app added them), one per
 * UpdateTable call as DynamoDB requires, waiting for each to become ACTIVE. Returns the indexes it created.
 */
async function ensureIndexes(def: TableDefinition, physical: string): Promise<string[]> {
  if (!def.indexes.length) return [];
  const { Table } = await getDynamoClient().send(new DescribeTableCommand({ TableName: physical }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  const wanted = createInput(def, physical);
  const created: string[] = [];
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    try {
      await getDynamoClient().send(
        new UpdateTableCommand({
          TableName: physical,
          AttributeDefinitions: wanted.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
      created.push(`${physical}.${index.IndexName}`);
    } catch (error) {
      // Another instance is adding it at the same moment.
      if (!(error instanceof ResourceInUseException) && (error as Error).name !== 'ValidationException')
        throw error;
    }
    await waitActive(physical);
  }
  return created;
}

/**
 * Creates every table of the registry that is missing, waits until each is ACTIVE (including ones another process
 * is still creating), adds indexes an older table lacks and, on AWS, makes sure TTL is on where the registry names a TTL attribute. Safe to run on every
 * start and from several processes at once. Returns the tables it created.
 */
export async function ensureTables(): Promise<string[]> {
  const existing = await listAll();
  const created: string[] = [];
  for (const def of TABLES as readonly TableDefinition[]) {
    const physical = tableName(def.name as (typeof TABLES)[number]['name']);
    if (!existing.has(physical)) {
      try {
        await getDynamoClient().send(new CreateTableCommand(createInput(def, physical)));
        created.push(physical);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error; // another process created it meanwhile
      }
    }
    await waitActive(physical);
    if (existing.has(physical)) created.push(...(await ensureIndexes(def, physical)));
    if (def.ttlAttribute && !getConfig().EMBEDDED) await ensureTtl(physical, def.ttlAttribute);
  }
  return created;
}
