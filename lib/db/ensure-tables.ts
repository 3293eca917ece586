import fs from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { getDynamoClient } from '../aws/clients';
import { readOwner } from '../aws/data-dir-lock';
import { getConfig } from '../config';
import { batchPut } from './batch';
import { scanItems } from './items';
import { tableName } from './table-name';
import { TABLES, type TableDefinition, type TableName } from './tables';

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

/** Where an embedded table's items wait while the table is rebuilt (survives a crash mid-rebuild). */
const migrationFile = (physical: string) => path.join(getConfig().dataDir, 'migrations', `${physical}.json`);

/** Puts back the items a rebuild set aside, then forgets them. */
async function restoreMigration(def: TableDefinition, physical: string): Promise<void> {
  const file = migrationFile(physical);
  if (!fs.existsSync(file)) return;
  const items = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[];
  await batchPut(def.name as TableName, items);
  fs.rmSync(file);
}

/**
 * The embedded store (dynalite) cannot add an index to a table online, so the table is rebuilt: its items are
 * written aside to DATA_DIR/migrations/, the table is created again with every index, and the items are put back.
 * Start-up runs this before the web server and the worker, so nothing writes meanwhile; a crash mid-way is finished
 * by the next start from the file.
 */
async function rebuildWithIndexes(def: TableDefinition, physical: string): Promise<boolean> {
  // Only the process that owns the embedded store (npm start, before it starts the web server and the worker) may
  // rebuild: a CLI attached to a running instance would rebuild under live writes.
  const owner = readOwner(getConfig().dataDir);
  if (owner && owner.pid !== process.pid) {
    console.error(`[db] ${physical} lacks an index; restart npm start to add it.`);
    return false;
  }
  const file = migrationFile(physical);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(await scanItems(def.name as TableName)));
    fs.renameSync(`${file}.tmp`, file);
  }
  try {
    await getDynamoClient().send(new DeleteTableCommand({ TableName: physical }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  for (let i = 0; i < 600 && (await listAll()).has(physical); i++)
    await new Promise((r) => setTimeout(r, 100));
  await getDynamoClient().send(new CreateTableCommand(createInput(def, physical)));
  await waitActive(physical);
  await restoreMigration(def, physical);
  return true;
}

/**
 * Adds the registry's indexes that an existing table lacks (a newer version of the app added them): on AWS one
 * per UpdateTable call, as DynamoDB requires, waiting for each to become ACTIVE; on the embedded store by
 * rebuilding the table. Returns the indexes it created.
 */
async function ensureIndexes(def: TableDefinition, physical: string): Promise<string[]> {
  await restoreMigration(def, physical); // a rebuild a crash interrupted
  if (!def.indexes.length) return [];
  const { Table } = await getDynamoClient().send(new DescribeTableCommand({ TableName: physical }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  const wanted = createInput(def, physical);
  const missing = (wanted.GlobalSecondaryIndexes ?? []).filter((index) => !present.has(index.IndexName));
  if (!missing.length) return [];
  if (getConfig().EMBEDDED) {
    return (await rebuildWithIndexes(def, physical))
      ? missing.map((index) => `${physical}.${index.IndexName}`)
      : [];
  }
  const created: string[] = [];
  for (const index of missing) {
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
      const racing =
        error instanceof ResourceInUseException || /already exists/i.test((error as Error).message ?? '');
      if (!racing) throw error;
    }
    await waitActive(physical);
  }
  return created;
}

/**
 * Creates every table of the registry that is missing, waits until each is ACTIVE (including ones another process
 * is still creating), adds indexes an older table lacks and, on AWS, makes sure TTL is on where the registry names a TTL attribute. Safe to run on every
 * start and from several processes at once. Returns the tables (and `table.index`es) it created.
 */
export async function ensureTables(definitions: readonly TableDefinition[] = TABLES): Promise<string[]> {
  const existing = await listAll();
  const created: string[] = [];
  for (const def of definitions) {
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
    else await restoreMigration(def, physical); // a rebuild that died between dropping and recreating the table
    if (def.ttlAttribute && !getConfig().EMBEDDED) await ensureTtl(physical, def.ttlAttribute);
  }
  return created;
}
