import { ConditionFailedError, updateItem } from '../../db/items';
import { notFound } from '../../errors/domain-error';
import { apiKeyItemSchema, summarize, type ApiKeySummary } from './api-key';
import { forgetApiKey } from './authenticate-api-key';

/** Revokes a key (not_found for an unknown one); revoking twice keeps the first revocation time. */
export async function revokeApiKey(keyId: string): Promise<ApiKeySummary> {
  try {
    const item = await updateItem('api_keys', { keyId }, 'SET revokedAt = if_not_exists(revokedAt, :now)', {
      condition: 'attribute_exists(keyId)',
      values: { ':now': new Date().toISOString() },
    });
    forgetApiKey(keyId);
    return summarize(apiKeyItemSchema.parse(item));
  } catch (error) {
    if (error instanceof ConditionFailedError) throw notFound(`No API key ${keyId}.`);
    throw error;
  }
}
