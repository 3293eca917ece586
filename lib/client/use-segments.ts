'use client';
import { useQuery } from '@tanstack/react-query';
import type { SegmentOverview } from '../analysis/segments/get-segment-overview';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** Customers per segment and the recent moves between segments (`flowDays` days back). */
export function useSegments(flowDays = 30) {
  return useQuery<SegmentOverview, ApiProblem>({
    queryKey: queryKeys.segments(flowDays),
    queryFn: () => apiFetch<SegmentOverview>(`/api/v1/segments?flowDays=${flowDays}`),
    // A 403 will not change by asking again.
    retry: (count, error) => error.status !== 403 && count < 1,
  });
}
