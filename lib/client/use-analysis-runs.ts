'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Run } from '../analysis/runs/run';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** A run as the API shows it (without its scan checkpoint). */
export type RunView = Omit<Run, 'cursor'>;
export interface RunsPage {
  runs: RunView[];
  nextCursor: string | null;
}

/** While a run is going its progress is read this often. */
const RUN_POLL_MS = 1_000;

/** The newest batch analysis runs, newest first; re-read now and then so a run started elsewhere shows up. */
export function useAnalysisRuns(initialData?: RunsPage) {
  return useQuery<RunsPage, ApiProblem>({
    queryKey: queryKeys.analysisRuns(),
    queryFn: () => apiFetch<RunsPage>('/api/v1/analysis/runs?limit=20'),
    initialData,
    refetchInterval: 10_000,
  });
}

/** One run, read every second while it is running and no more once it has ended. */
export function useAnalysisRun(runId: string | null) {
  return useQuery<RunView, ApiProblem>({
    queryKey: queryKeys.analysisRun(runId ?? ''),
    queryFn: async () =>
      (await apiFetch<{ run: RunView }>(`/api/v1/analysis/runs/${encodeURIComponent(runId ?? '')}`)).run,
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? RUN_POLL_MS : false),
    staleTime: 0,
  });
}

/** Queues a run over every customer (409 while one is going: the problem's detail says which). */
export function useStartRun() {
  const client = useQueryClient();
  return useMutation<RunView, ApiProblem>({
    mutationFn: async () =>
      (await apiFetch<{ run: RunView }>('/api/v1/analysis/runs', { method: 'POST' })).run,
    onSuccess: (run) => {
      client.setQueryData(queryKeys.analysisRun(run.runId), run);
      return client.invalidateQueries({ queryKey: queryKeys.analysisRuns(), exact: true });
    },
  });
}
