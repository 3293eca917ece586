import { randomBytes } from 'node:crypto';
import { putItem } from '../../db/items';
import type { Scope } from '../permissions';
import { hashApiKey, summarize, type ApiKeyItem, type ApiKeySummary } from './api-key';

export interface CreatedApiKey {
  key: string;
  apiKey: ApiKeySummary;
}

/** Creates a key. The plaintext is returned here once and never stored. */
export async function createApiKey(input: {
  name: string;
  scopes: Scope[];
  createdBy: string;
  /** A chosen plaintext (the embedded demo key); otherwise a random one. */
  key?: string;
  keyId?: string;
}): Promise<CreatedApiKey> {
  const key = input.key ?? `cp_live_${randomBytes(24).toString('base64url')}`;
  const item: ApiKeyItem = {
    keyId: input.keyId ?? `key_${randomBytes(8).toString('hex')}`,
    name: input.name,
    keyHash: hashApiKey(key),
    prefix: `${key.slice(0, 12)}…`,
    scopes: [...new Set(input.scopes)],
    createdAt: new Date().toISOString(),
    createdBy: input.createdBy,
  };
  await putItem('api_keys', item);
  return { key, apiKey: summarize(item) };
}
