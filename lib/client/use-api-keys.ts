'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKeySummary } from '../auth/api-keys/api-key';
import type { CreatedApiKey } from '../auth/api-keys/create-api-key';
import type { Scope } from '../auth/permissions';
import { apiFetch } from './api-fetch';
import { queryKeys } from './query-keys';

export function useApiKeys() {
  return useQuery({
    queryKey: queryKeys.apiKeys(),
    queryFn: async () => (await apiFetch<{ apiKeys: ApiKeySummary[] }>('/api/v1/api-keys')).apiKeys,
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: Scope[] }) =>
      apiFetch<CreatedApiKey>('/api/v1/api-keys', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.apiKeys() }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => apiFetch(`/api/v1/api-keys/${keyId}/revoke`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.apiKeys() }),
  });
}
