'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ExperimentActionBody,
  ExperimentListResponse,
  ExperimentResponse,
  ExperimentResultsResponse,
} from '../experiments/api-contract';
import type { Experiment, ExperimentDefinitionInput, ExperimentStatus } from '../experiments/experiment';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** While an experiment runs its results are read this often (the statistics are valid at every look). */
const RESULTS_POLL_MS = 15_000;

const experimentPath = (key: string) => `/api/v1/experiments/${encodeURIComponent(key)}`;

/** The experiments list, optionally of one status (the filter lives in the URL); re-read now and then. */
export function useExperiments(status: ExperimentStatus | '', initialData?: ExperimentListResponse) {
  return useQuery<ExperimentListResponse, ApiProblem>({
    queryKey: queryKeys.experimentList(status),
    queryFn: () =>
      apiFetch<ExperimentListResponse>(`/api/v1/experiments${status ? `?status=${status}` : ''}`),
    initialData,
    refetchInterval: 30_000,
  });
}

/** One experiment's definition, status, ramp and history. */
export function useExperiment(key: string, initialData?: Experiment) {
  return useQuery<Experiment, ApiProblem>({
    queryKey: queryKeys.experiment(key),
    queryFn: async () => (await apiFetch<ExperimentResponse>(experimentPath(key))).experiment,
    initialData,
    retry: false,
  });
}

/** Its results and decision; read again every 15 s while it runs, not at all for a draft (nothing to read). */
export function useExperimentResults(key: string, status: ExperimentStatus) {
  return useQuery<ExperimentResultsResponse, ApiProblem>({
    queryKey: queryKeys.experimentResults(key),
    queryFn: () => apiFetch<ExperimentResultsResponse>(`${experimentPath(key)}/results`),
    enabled: status !== 'draft',
    refetchInterval: status === 'running' ? RESULTS_POLL_MS : false,
    retry: false,
  });
}

/** Creates a draft; a 400 names each bad field (`body.variants.1.weight`). */
export function useCreateExperiment() {
  const client = useQueryClient();
  return useMutation<Experiment, ApiProblem, ExperimentDefinitionInput>({
    mutationFn: async (body) =>
      (await apiFetch<ExperimentResponse>('/api/v1/experiments', { method: 'POST', body })).experiment,
    onSuccess: (experiment) => {
      client.setQueryData(queryKeys.experiment(experiment.key), experiment);
      return client.invalidateQueries({ queryKey: [...queryKeys.experiments(), 'list'] });
    },
  });
}

/**
 * One action on an experiment (start, pause, resume, stop, conclude, advance the ramp, promote a winner), sent with
 * the revision on screen: the server refuses it with a 409 when someone changed the experiment meanwhile. Either way
 * the experiment, its results and the list are read again.
 */
export function useExperimentAction(key: string) {
  const client = useQueryClient();
  return useMutation<Experiment, ApiProblem, ExperimentActionBody>({
    mutationFn: async (body) =>
      (await apiFetch<ExperimentResponse>(experimentPath(key), { method: 'PATCH', body })).experiment,
    onSuccess: (experiment) => client.setQueryData(queryKeys.experiment(key), experiment),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.experiments() }),
  });
}
