'use client';
import { useQuery } from '@tanstack/react-query';
import type { StreamHealth } from '../live/get-stream-health';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** Shards, their lag and lease holders, workers and dead letters, summed up as ok / degraded / down. */
export function useLiveHealth(initialData?: StreamHealth) {
  return useQuery<StreamHealth, ApiProblem>({
    queryKey: queryKeys.liveHealth(),
    queryFn: () => apiFetch<StreamHealth>('/api/v1/stream/health'),
    initialData,
    refetchInterval: 10_000,
  });
}
