'use client';
import { useQuery } from '@tanstack/react-query';
import type { StreamMetrics } from '../live/get-stream-metrics';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** The per-minute history is read this often; the chart's last two minutes come from the feed, every second. */
const METRICS_POLL_MS = 10_000;

export interface LiveMetrics extends StreamMetrics {
  /** Server clock minus browser clock, ms, measured on this answer (absent on the server-rendered first paint). */
  clockOffsetMs?: number;
}

/** Events per minute by type over the last `minutes`, the last complete minute's rate and the consumers' backlog. */
export function useLiveMetrics(minutes: number, initialData?: LiveMetrics) {
  return useQuery<LiveMetrics, ApiProblem>({
    queryKey: queryKeys.liveMetrics(minutes),
    queryFn: async () => {
      const sent = Date.now();
      const metrics = await apiFetch<StreamMetrics>(`/api/v1/stream/metrics?minutes=${minutes}`);
      // The server stamped asOf about half way through the round trip.
      return { ...metrics, clockOffsetMs: Date.parse(metrics.asOf) - (sent + Date.now()) / 2 };
    },
    initialData,
    refetchInterval: METRICS_POLL_MS,
  });
}
