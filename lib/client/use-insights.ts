'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InsightsView } from '../analysis/get-insights';
import type { Insight } from '../analysis/insight-store';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** GET /api/v1/customers/{id}/insights: nothing at all without personalization consent. */
export type InsightsAnswer =
  | { customerId: string; consent: 'refused'; reason: string; insight: null }
  | ({ customerId: string; consent: 'granted' } & Omit<Extract<InsightsView, { status: 'ok' }>, 'status'>);

const path = (customerId: string) => `/api/v1/customers/${encodeURIComponent(customerId)}`;

/** The customer's cached insight, its age and staleness, their category patterns and a short history. */
export function useInsights(customerId: string) {
  return useQuery<InsightsAnswer, ApiProblem>({
    queryKey: queryKeys.insights(customerId),
    queryFn: () => apiFetch<InsightsAnswer>(`${path(customerId)}/insights?history=10`),
    retry: false,
  });
}

/** Analyses the customer now (POST …/analyze) and refreshes their insight. */
export function useAnalyzeCustomer(customerId: string) {
  const client = useQueryClient();
  return useMutation<Insight, ApiProblem>({
    mutationFn: async () =>
      (await apiFetch<{ insight: Insight }>(`${path(customerId)}/analyze`, { method: 'POST' })).insight,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.insights(customerId) }),
  });
}
