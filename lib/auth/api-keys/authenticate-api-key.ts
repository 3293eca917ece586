import { getItem, queryItems, updateItem } from '../../db/items';
import { apiKeyItemSchema, hashApiKey, type ApiKeyItem } from './api-key';

// Recording every use would turn each storefront read into a write; once a minute is precise enough to audit.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The active key for a presented secret, or undefined (unknown or revoked). */
export async function authenticateApiKey(key: string): Promise<ApiKeyItem | undefined> {
  const [found] = await queryItems('api_keys', {
    index: 'by_hash',
    keyCondition: 'keyHash = :h',
    values: { ':h': hashApiKey(key) },
    limit: 1,
  });
  // The hash index is eventually consistent on real DynamoDB; the key's own item tells whether it was just revoked.
  const current = found ? await getItem('api_keys', { keyId: found.keyId }, { consistent: true }) : undefined;
  const item = current ? apiKeyItemSchema.parse(current) : undefined;
  if (!item || item.revokedAt) return undefined;
  const now = Date.now();
  if (!item.lastUsedAt || now - Date.parse(item.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
    await updateItem('api_keys', { keyId: item.keyId }, 'SET lastUsedAt = :now', {
      values: { ':now': new Date(now).toISOString() },
    });
  }
  return item;
}
