import { scanItems } from '../../db/items';
import { apiKeyItemSchema, summarize, type ApiKeySummary } from './api-key';

/** Every key, newest first. Keys are few (one per storefront integration), so a scan is fine. */
export async function listApiKeys(): Promise<ApiKeySummary[]> {
  const items = await scanItems('api_keys');
  return items
    .map((i) => summarize(apiKeyItemSchema.parse(i)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
