import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { getDynamoClient } from '../aws/clients';
import { getConfig } from '../config';
import { tableName } from './table-name';
import { TABLES } from './tables';

/** Deletes every table of the registry. Embedded mode only: there is no undo, and on AWS it would be a disaster. */
export async function dropTables(): Promise<void> {
  if (!getConfig().EMBEDDED) throw new Error('dropTables() is refused outside embedded mode.');
  for (const t of TABLES) {
    try {
      await getDynamoClient().send(new DeleteTableCommand({ TableName: tableName(t.name) }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
