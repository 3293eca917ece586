import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SCOPES } from '../permissions';

export const apiKeyItemSchema = z.object({
  keyId: z.string(),
  name: z.string(),
  keyHash: z.string(),
  /** The first characters of the key, so people can tell keys apart without the key itself being stored. */
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
  lastUsedAt: z.string().optional(),
});
export type ApiKeyItem = z.infer<typeof apiKeyItemSchema>;

/** What anyone may see of a key: never its hash. */
export type ApiKeySummary = Omit<ApiKeyItem, 'keyHash'>;

export function summarize({ keyHash: _hash, ...rest }: ApiKeyItem): ApiKeySummary {
  return rest;
}

// Keys are 192 random bits, so a fast hash is enough; a slow KDF would only slow every storefront call.
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
