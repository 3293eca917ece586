import { getItem } from '../../db/items';
import { SCOPES } from '../permissions';
import { hashApiKey } from './api-key';
import { createApiKey } from './create-api-key';

const DEMO_KEY_ID = 'key_demo';

/** Embedded mode only: the demo storefront key (all scopes) matches DEMO_API_KEY; a changed value replaces it. */
export async function ensureDemoApiKey(key: string): Promise<void> {
  const item = await getItem('api_keys', { keyId: DEMO_KEY_ID });
  if (item && item.keyHash === hashApiKey(key)) return;
  await createApiKey({
    name: 'Demo storefront',
    scopes: [...SCOPES],
    createdBy: 'system',
    key,
    keyId: DEMO_KEY_ID,
  });
}
