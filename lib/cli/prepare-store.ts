import { ensureDemoApiKey } from '../auth/api-keys/ensure-demo-api-key';
import { ensureDemoUsers } from '../auth/users/ensure-demo-users';
import { getConfig } from '../config';
import { ensureTables } from '../db/ensure-tables';
import { moveLegacyRows } from '../db/move-legacy-rows';
import { ensureStreams } from '../kinesis/ensure-streams';
import { bindStoreUnits } from '../overview/bind-store-units';

/**
 * Tables and the events stream exist; the store's currency and time zone are bound to its data (lib/overview
 * bindStoreUnits: adopted when not set, refused when set to others); in embedded mode the demo users and demo key
 * exist too.
 */
export async function prepareStore(
  log: (line: string) => void = () => undefined,
  /** `npm start` and the seed: record the configured currency and zone when the store has none yet. */
  options: { recordUnits?: boolean } = {},
): Promise<void> {
  const created = await ensureTables();
  const indexes = created.filter((name) => name.includes('.'));
  if (created.length > indexes.length) log(`created ${created.length - indexes.length} tables`);
  if (indexes.length) log(`added ${indexes.length} indexes to existing tables: ${indexes.join(', ')}`);
  for (const [table, rows] of Object.entries(await moveLegacyRows()))
    if (rows) log(`moved ${rows} rows of an older layout into ${table}`);
  const { created: streamCreated, stream } = await ensureStreams();
  if (streamCreated) log(`created stream ${stream.name} with ${stream.shards} shards`);
  const units = await bindStoreUnits({ record: options.recordUnits });
  if (units.adopted.length) log(`store units from its data: ${units.adopted.join(', ')}`);
  const config = getConfig();
  if (config.EMBEDDED) {
    await ensureDemoUsers(config.DEMO_PASSWORD);
    await ensureDemoApiKey(config.DEMO_API_KEY);
  }
}
