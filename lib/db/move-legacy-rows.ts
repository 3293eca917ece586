import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { getDocClient } from '../aws/clients';
import { batchDelete, batchPut } from './batch';
import { getItem, putItem, type Item } from './items';
import { tableName } from './table-name';
import { TABLES, type TableDefinition, type TableName } from './tables';

const PAGE = 500;
const DONE = '_moved_from';

/**
 * Moves rows that an older layout kept in another table into the table that now owns their concern (a table's
 * `movedFrom` in the registry: same key schema, rows chosen by the hash key's prefix). Each page is put into the new
 * table before it is deleted from the old one, so a crash leaves rows in both and the next start finishes the move;
 * a marker row in the new table makes later starts skip the scan. Runs at start-up, before the web and the worker.
 * Returns the rows moved per table.
 */
export async function moveLegacyRows(
  definitions: readonly TableDefinition[] = TABLES,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const definition of definitions) {
    if (!definition.movedFrom || !definition.range) continue;
    const target = definition.name as TableName;
    const source = definition.movedFrom.table as TableName;
    const hash = definition.hash.name;
    const range = definition.range.name;
    const marker = { [hash]: DONE, [range]: source };
    if (await getItem(target, marker, { consistent: true })) continue;
    const prefixes = definition.movedFrom.hashPrefixes;
    let count = 0;
    let start: Item | undefined;
    do {
      const page = await getDocClient().send(
        new ScanCommand({
          TableName: tableName(source),
          FilterExpression: prefixes.map((_, i) => `begins_with(#h, :p${i})`).join(' OR '),
          ExpressionAttributeNames: { '#h': hash },
          ExpressionAttributeValues: Object.fromEntries(prefixes.map((p, i) => [`:p${i}`, p])),
          ExclusiveStartKey: start,
          Limit: PAGE,
          ConsistentRead: true,
        }),
      );
      const rows = page.Items ?? [];
      if (rows.length) {
        await batchPut(target, rows);
        await batchDelete(source, rows);
        count += rows.length;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    await putItem(target, { ...marker, at: new Date().toISOString() });
    moved[target] = count;
  }
  return moved;
}
