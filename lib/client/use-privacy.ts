'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditEntry } from '../privacy/audit/audit-entry';
import type { AuditVerification } from '../privacy/audit/verify-audit';
import type { ConsentEntry, ConsentState } from '../privacy/consent/consent-entry';
import type { ConsentOverview } from '../privacy/consent/get-consent-overview';
import type { ConsentVerification } from '../privacy/consent/verify-consent';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

export interface ConsentAnswer {
  customerId: string;
  purposes: ConsentState;
  defaulted: boolean;
  updatedAt: string | null;
  policyVersion: string | null;
}

export interface ConsentHistory {
  customerId: string;
  entries: Omit<ConsentEntry, 'pendingPublish'>[];
  chain: { intact: true } | { intact: false; firstBroken: { seq: string; reason: string } };
}

export interface ChainReport {
  ok: boolean;
  checkedAt: string;
  audit: AuditVerification;
  consent: ConsentVerification;
}

const id = (customerId: string) => encodeURIComponent(customerId);

export function useConsentOverview(weeks: number) {
  return useQuery<ConsentOverview, ApiProblem>({
    queryKey: queryKeys.consentOverview(weeks),
    queryFn: () => apiFetch<ConsentOverview>(`/api/v1/privacy/consent-overview?weeks=${weeks}`),
  });
}

export function useConsent(customerId: string) {
  return useQuery<ConsentAnswer, ApiProblem>({
    queryKey: queryKeys.consent(customerId),
    queryFn: () => apiFetch<ConsentAnswer>(`/api/v1/consent/${id(customerId)}`),
    enabled: customerId !== '',
    retry: false,
  });
}

export function useConsentHistory(customerId: string) {
  return useQuery<ConsentHistory, ApiProblem>({
    queryKey: queryKeys.consentHistory(customerId),
    queryFn: () => apiFetch<ConsentHistory>(`/api/v1/consent/${id(customerId)}/history`),
    enabled: customerId !== '',
    retry: false,
  });
}

export function useRecordConsent(customerId: string) {
  const client = useQueryClient();
  return useMutation<
    ConsentAnswer,
    ApiProblem,
    { purposes: Partial<ConsentState>; policyVersion: string; notice: string }
  >({
    mutationFn: (body) =>
      apiFetch<ConsentAnswer>(`/api/v1/consent/${id(customerId)}`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.privacy() }),
  });
}

export function useAuditDay(day: string) {
  return useQuery<{ entries: AuditEntry[]; nextCursor: string | null }, ApiProblem>({
    queryKey: queryKeys.audit(day),
    queryFn: () => apiFetch(`/api/v1/privacy/audit?day=${day}&limit=50`),
  });
}

/** Runs the chain check on demand (it reads every ledger and the whole audit log). */
export function useVerifyChains() {
  const client = useQueryClient();
  return useMutation<ChainReport, ApiProblem>({
    mutationFn: () => apiFetch<ChainReport>('/api/v1/privacy/audit/verify'),
    onSuccess: () => client.invalidateQueries({ queryKey: ['privacy', 'audit'] }),
  });
}

export type RequestView = import('../privacy/requests/privacy-request').PrivacyRequest & { overdue: boolean };

export function usePrivacyRequests() {
  return useQuery<RequestView[], ApiProblem>({
    queryKey: queryKeys.privacyRequests(),
    queryFn: async () => (await apiFetch<{ requests: RequestView[] }>('/api/v1/privacy/requests')).requests,
  });
}

/** One request; polled while `poll` (an erasure running shows its progress). */
export function usePrivacyRequest(requestId: string | null, poll: boolean) {
  return useQuery<RequestView, ApiProblem>({
    queryKey: queryKeys.privacyRequest(requestId ?? ''),
    queryFn: async () =>
      (await apiFetch<{ request: RequestView }>(`/api/v1/privacy/requests/${id(requestId ?? '')}`)).request,
    enabled: requestId !== null,
    refetchInterval: poll ? 400 : false,
  });
}

export function useCreatePrivacyRequest() {
  const client = useQueryClient();
  return useMutation<
    RequestView,
    ApiProblem,
    { customerId: string; kind: 'access' | 'erasure'; regime: 'gdpr' | 'ccpa'; note?: string }
  >({
    mutationFn: async (body) =>
      (await apiFetch<{ request: RequestView }>('/api/v1/privacy/requests', { method: 'POST', body }))
        .request,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.privacy() }),
  });
}

export function useTransitionRequest() {
  const client = useQueryClient();
  return useMutation<RequestView, ApiProblem, { requestId: string; to: string; note?: string }>({
    mutationFn: async ({ requestId, ...body }) =>
      (
        await apiFetch<{ request: RequestView }>(`/api/v1/privacy/requests/${id(requestId)}/transitions`, {
          method: 'POST',
          body,
        })
      ).request,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.privacy() }),
  });
}

export interface RetentionRow {
  id: string;
  label: string;
  table: string;
  days: number;
  defaultDays: number;
  minDays: number;
  maxDays: number;
  why: string;
}
export type RetentionPreview = import('../privacy/retention/sweep-retention').RetentionSweepLine[];

export function useRetention() {
  return useQuery<RetentionRow[], ApiProblem>({
    queryKey: queryKeys.retention(),
    queryFn: async () => (await apiFetch<{ classes: RetentionRow[] }>('/api/v1/privacy/retention')).classes,
  });
}

export function useSaveRetention() {
  const client = useQueryClient();
  return useMutation<RetentionRow[], ApiProblem, Record<string, number>>({
    mutationFn: async (days) =>
      (
        await apiFetch<{ classes: RetentionRow[] }>('/api/v1/privacy/retention', {
          method: 'PUT',
          body: { days },
        })
      ).classes,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.privacy() }),
  });
}

/** The dry run: what the next sweep would delete with the saved settings. */
export function useRetentionPreview() {
  return useMutation<RetentionPreview, ApiProblem>({
    mutationFn: async () =>
      (await apiFetch<{ preview: RetentionPreview }>('/api/v1/privacy/retention?preview=true')).preview,
  });
}

export type ModelViewAnswer = import('../analysis/model-input').ModelView;

/** What an external model would see of the customer (404 when there is no profile). */
export function useModelView(customerId: string) {
  return useQuery<ModelViewAnswer, ApiProblem>({
    queryKey: queryKeys.modelView(customerId),
    queryFn: () => apiFetch<ModelViewAnswer>(`/api/v1/privacy/customers/${id(customerId)}/model-input`),
    enabled: customerId !== '',
    retry: false,
  });
}
