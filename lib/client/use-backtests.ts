'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BacktestRequest, StoredBacktest } from '../analysis/backtest/run-backtest';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

export type { BacktestRequest, StoredBacktest };

export interface BacktestsAnswer {
  backtests: StoredBacktest[];
  /** The store's time zone: cut-offs are its days. */
  timeZone: string;
}

/** How many earlier backtests the picker offers. */
const BACKTESTS_SHOWN = 10;

/** The newest backtests, newest first. */
export function useBacktests() {
  return useQuery<BacktestsAnswer, ApiProblem>({
    queryKey: queryKeys.backtests(),
    queryFn: () => apiFetch<BacktestsAnswer>(`/api/v1/analysis/backtests?limit=${BACKTESTS_SHOWN}`),
  });
}

/**
 * Runs a backtest now; the API answers when it is scored (a second or two on the demo). 400 names the fields,
 * 422 says in its detail why the cut-off cannot be used.
 */
export function useRunBacktest() {
  const client = useQueryClient();
  return useMutation<StoredBacktest, ApiProblem, BacktestRequest>({
    mutationFn: async (request) =>
      (
        await apiFetch<{ backtest: StoredBacktest }>('/api/v1/analysis/backtests', {
          method: 'POST',
          body: request,
        })
      ).backtest,
    onSuccess: (backtest) => {
      // Shown at once; the re-read then brings the list in the server's order.
      client.setQueryData<BacktestsAnswer>(
        queryKeys.backtests(),
        (old) =>
          old && {
            ...old,
            backtests: [backtest, ...old.backtests.filter((b) => b.runId !== backtest.runId)],
          },
      );
      return client.invalidateQueries({ queryKey: queryKeys.backtests(), exact: true });
    },
  });
}
