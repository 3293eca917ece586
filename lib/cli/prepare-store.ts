import { ensureDemoApiKey } from '../auth/api-keys/ensure-demo-api-key';
import { ensureDemoUsers } from '../auth/users/ensure-demo-users';
import { getConfig } from '../config';
import { ensureTables } from '../db/ensure-tables';
import { moveLegacyRows } from '../db/move-legacy-rows';
import { ensureStreams } from '../kinesis/ensure-streams';

/** Tables and the events stream exist; in embedded mode the demo users and demo key do too. */
export async function prepareStore(log: (line: string) => void = () => undefined): Promise<void> {
  const created = await ensureTables();
  const indexes = created.filter((name) => name.includes('.'));
  if (created.length > indexes.length) log(`created ${created.length - indexes.length} tables`);
  if (indexes.length) log(`added ${indexes.length} indexes to existing tables: ${indexes.join(', ')}`);
  for (const [table, rows] of Object.entries(await moveLegacyRows()))
    if (rows) log(`moved ${rows} rows of an older layout into ${table}`);
  const { created: streamCreated, stream } = await ensureStreams();
  if (streamCreated) log(`created stream ${stream.name} with ${stream.shards} shards`);
  const config = getConfig();
  if (config.EMBEDDED) {
    await ensureDemoUsers(config.DEMO_PASSWORD);
    await ensureDemoApiKey(config.DEMO_API_KEY);
  }
}
