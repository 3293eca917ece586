import { getItem } from '../../db/items';
import { SCOPES } from '../permissions';
import { hashApiKey } from './api-key';
import { createApiKey } from './create-api-key';

const DEMO_KEY_ID = 'key_demo';

/**
 * Embedded mode only: the demo storefront key (all scopes) matches DEMO_API_KEY; a changed value or a new scope
 * replaces it.
 */
export async function ensureDemoApiKey(key: string): Promise<void> {
  const item = await getItem('api_keys', { keyId: DEMO_KEY_ID });
  // Kept when it matches and already has every scope (a release that adds a scope gives it to the demo key).
  const scopes = (item?.scopes ?? []) as string[];
  if (item && item.keyHash === hashApiKey(key) && SCOPES.every((s) => scopes.includes(s))) return;
  await createApiKey({
    name: 'Demo storefront',
    scopes: [...SCOPES],
    createdBy: 'system',
    key,
    keyId: DEMO_KEY_ID,
  });
}
