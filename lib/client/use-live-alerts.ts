'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Alert } from '../live/alerts/alert';
import type { AlertChange } from '../live/alerts/alert-store';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

export interface AlertList {
  alerts: Alert[];
}

/** One tab of the inbox, newest first; snoozed alerts only when asked for. Re-read every 10 s. */
export function useLiveAlerts(
  status: Alert['status'],
  includeSnoozed: boolean,
  limit: number,
  initialData?: AlertList,
) {
  return useQuery<AlertList, ApiProblem>({
    queryKey: queryKeys.liveAlertList(status, includeSnoozed),
    queryFn: () =>
      apiFetch<AlertList>(
        `/api/v1/stream/alerts?status=${status}&limit=${limit}&includeSnoozed=${includeSnoozed}`,
      ),
    initialData,
    refetchInterval: 10_000,
  });
}

/**
 * One change to one alert (status, assignee, snooze, comment). The server applies it only if nobody changed the
 * alert since it read it (409 otherwise); either way every inbox tab is read again, and on success the changed alert
 * moves between the cached tabs at once.
 */
export function useChangeAlert() {
  const client = useQueryClient();
  return useMutation<Alert, ApiProblem, { alertId: string; change: AlertChange; title?: string }>({
    mutationFn: async ({ alertId, change }) =>
      (
        await apiFetch<{ alert: Alert }>(`/api/v1/stream/alerts/${encodeURIComponent(alertId)}`, {
          method: 'PATCH',
          body: change,
        })
      ).alert,
    onSuccess: (alert) => {
      for (const [key, data] of client.getQueriesData<AlertList>({ queryKey: queryKeys.liveAlerts() })) {
        if (!data) continue;
        const [, , status, includeSnoozed] = key;
        const hidden =
          !includeSnoozed && alert.snoozedUntil !== undefined && Date.parse(alert.snoozedUntil) > Date.now();
        const others = data.alerts.filter((a) => a.alertId !== alert.alertId);
        const alerts =
          status === alert.status && !hidden
            ? [alert, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            : others;
        client.setQueryData<AlertList>(key, { alerts });
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.liveAlerts() }),
  });
}
