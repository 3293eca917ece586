import { getItem, queryItems, updateItem } from '../../db/items';
import { apiKeyItemSchema, hashApiKey, type ApiKeyItem } from './api-key';

// Recording every use would turn each storefront read into a write; once a minute is precise enough to audit.
const LAST_USED_RESOLUTION_MS = 60_000;

// hash → keyId never changes, so it is remembered. The key's own item (revocation, scopes) is re-read at most
// once per REVOCATION_CHECK_MS: a revocation made in this process applies at once (forgetApiKey), one made by
// another process within that time. Reading it on every request cost a store call per storefront request.
const keyIds = new Map<string, string>();
const checked = new Map<string, { at: number; item: ApiKeyItem | undefined }>();
const MAX_REMEMBERED = 10_000;
const REVOCATION_CHECK_MS = 2_000;

/** Drops what this process remembers of a key (after revoking it here). */
export function forgetApiKey(keyId: string): void {
  checked.delete(keyId);
}

async function currentKey(keyId: string): Promise<ApiKeyItem | undefined> {
  const now = Date.now();
  const known = checked.get(keyId);
  if (known && now - known.at < REVOCATION_CHECK_MS) return known.item;
  // The hash index is eventually consistent on real DynamoDB; the key's own item tells whether it was just revoked.
  const current = await getItem('api_keys', { keyId }, { consistent: true });
  const item = current ? apiKeyItemSchema.parse(current) : undefined;
  if (checked.size >= MAX_REMEMBERED) checked.clear();
  checked.set(keyId, { at: now, item });
  return item;
}

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
  const item = keyId ? await currentKey(keyId) : undefined;
  if (!item || item.revokedAt || item.keyHash !== hash) return undefined;
  const now = Date.now();
  if (!item.lastUsedAt || now - Date.parse(item.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
    item.lastUsedAt = new Date(now).toISOString(); // (the remembered copy too: one write per minute, not per request)
    await updateItem('api_keys', { keyId: item.keyId }, 'SET lastUsedAt = :now', {
      values: { ':now': item.lastUsedAt },
    });
  }
  return item;
}
