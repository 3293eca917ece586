'use client';
import { useQuery } from '@tanstack/react-query';
import type { Overview } from '../overview/get-overview';
import { apiFetch } from './api-fetch';
import { queryKeys } from './query-keys';

export function useOverview(weeks: number, initialData?: Overview) {
  return useQuery({
    queryKey: queryKeys.overview(weeks),
    queryFn: () => apiFetch<Overview>(`/api/v1/overview?weeks=${weeks}`),
    initialData,
    refetchInterval: 60_000,
  });
}
