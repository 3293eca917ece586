import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { getDynamoClient } from '../aws/clients';
import { tableName } from './table-name';
import { TABLES } from './tables';

/** Checks that every table of the registry exists and is ACTIVE. */
export async function pingDynamo(): Promise<{ tables: number; missing: string[] }> {
  const missing: string[] = [];
  await Promise.all(
    TABLES.map(async (t) => {
      try {
        const { Table } = await getDynamoClient().send(
          new DescribeTableCommand({ TableName: tableName(t.name) }),
        );
        if (Table?.TableStatus !== 'ACTIVE') missing.push(t.name);
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
        missing.push(t.name);
      }
    }),
  );
  return { tables: TABLES.length, missing: missing.sort() };
}
