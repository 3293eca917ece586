import { getItem, queryItems, updateItem } from '../../db/items';
import { apiKeyItemSchema, hashApiKey, type ApiKeyItem } from './api-key';

// Recording every use would turn each storefront read into a write; once a minute is precise enough to audit.
const LAST_USED_RESOLUTION_MS = 60_000;

// hash → keyId never changes, so it is remembered; revocation is still read fresh from the key's own item.
const keyIds = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

async function keyIdFor(hash: string): Promise<string | undefined> {
  const known = keyIds.get(hash);
  if (known) return known;
  const [found] = await queryItems('api_keys', {
    index: 'by_hash',
    keyCondition: 'keyHash = :h',
    values: { ':h': hash },
    limit: 1,
  });
  if (!found) return undefined;
  if (keyIds.size >= MAX_REMEMBERED) keyIds.clear();
  keyIds.set(hash, String(found.keyId));
  return String(found.keyId);
}

/** The active key for a presented secret, or undefined (unknown or revoked). */
export async function authenticateApiKey(key: string): Promise<ApiKeyItem | undefined> {
  const hash = hashApiKey(key);
  const keyId = await keyIdFor(hash);
  // The hash index is eventually consistent on real DynamoDB; the key's own item tells whether it was just revoked.
  const current = keyId ? await getItem('api_keys', { keyId }, { consistent: true }) : undefined;
  const item = current ? apiKeyItemSchema.parse(current) : undefined;
  if (!item || item.revokedAt || item.keyHash !== hash) return undefined;
  const now = Date.now();
  if (!item.lastUsedAt || now - Date.parse(item.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
    await updateItem('api_keys', { keyId: item.keyId }, 'SET lastUsedAt = :now', {
      values: { ':now': new Date(now).toISOString() },
    });
  }
  return item;
}
