'use client';
import { memo, useCallback, useEffect, useState } from 'react';
import { useChangeAlert, useLiveAlerts, type AlertList } from '@/lib/client/use-live-alerts';
import type { Alert } from '@/lib/live/alerts/alert';
import type { AlertChange } from '@/lib/live/alerts/alert-store';
import { AlertCard } from './alert-card';
import { INBOX_TABS, STATUS_LABELS, changeErrorMessage, tabCount, type AlertStatus } from './alert-format';
import { ALERTS_LIMIT } from './live-limits';

/**
 * The alert inbox: open, acknowledged and resolved alerts in tabs (snoozed ones hidden unless asked for), each with
 * its explanation and the workflow. Every tab is re-read every 10 s and after every change.
 */
export const AlertInbox = memo(function AlertInbox({
  me,
  canWrite,
  initialOpen,
  serverNow,
}: {
  me: string;
  canWrite: boolean;
  initialOpen: AlertList | undefined;
  serverNow: number;
}) {
  const [tab, setTab] = useState<AlertStatus>('open');
  const [includeSnoozed, setIncludeSnoozed] = useState(false);
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const lists = {
    open: useLiveAlerts('open', includeSnoozed, ALERTS_LIMIT, includeSnoozed ? undefined : initialOpen),
    acknowledged: useLiveAlerts('acknowledged', includeSnoozed, ALERTS_LIMIT),
    resolved: useLiveAlerts('resolved', includeSnoozed, ALERTS_LIMIT),
  } satisfies Record<AlertStatus, unknown>;
  const current = lists[tab];
  const alerts = current.data?.alerts ?? [];
  // One change at a time for the whole inbox, kept here rather than in a card: an acknowledged alert leaves its tab
  // (and its card) at once, and a refusal must still be said.
  const change = useChangeAlert();
  const { mutate } = change;
  const onChange = useCallback(
    (alert: Alert, body: AlertChange, after?: () => void) =>
      // With the revision on screen: a change someone made meanwhile is refused (409), not overwritten.
      mutate(
        { alertId: alert.alertId, change: { ...body, revision: alert.revision }, title: alert.title },
        { onSuccess: () => after?.() },
      ),
    [mutate],
  );
  const pendingId = change.isPending ? change.variables?.alertId : undefined;

  return (
    <section className="card" aria-labelledby="alerts-heading">
      <header className="card-header">
        <h2 id="alerts-heading">Alert inbox</h2>
        <label className="checkbox muted">
          <input
            type="checkbox"
            checked={includeSnoozed}
            onChange={(e) => setIncludeSnoozed(e.target.checked)}
          />
          Show snoozed alerts
        </label>
      </header>
      <div className="tabs" role="tablist" aria-label="Alerts by status">
        {INBOX_TABS.map((status) => {
          const count = tabCount(lists[status].data?.alerts.length, ALERTS_LIMIT);
          return (
            <button
              key={status}
              type="button"
              role="tab"
              id={`alerts-tab-${status}`}
              aria-selected={tab === status}
              aria-controls="alerts-panel"
              className={tab === status ? 'tab selected' : 'tab'}
              onClick={() => setTab(status)}
            >
              {STATUS_LABELS[status]}
              {count ? <span className="tab-count">{count}</span> : null}
            </button>
          );
        })}
      </div>
      {change.error ? (
        <div className="error alert-problem" role="alert" data-testid="alert-problem">
          <strong>{change.variables?.title}</strong>: {changeErrorMessage(change.error)}{' '}
          <button type="button" className="link-button" onClick={() => change.reset()}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div id="alerts-panel" role="tabpanel" aria-labelledby={`alerts-tab-${tab}`} data-testid="alerts-panel">
        {current.error ? (
          <p className="error" role="alert">
            Could not read the alerts: {current.error.message}
          </p>
        ) : null}
        {current.isPending && !current.error ? <p className="muted">Loading alerts…</p> : null}
        {current.isSuccess && alerts.length === 0 ? (
          <p className="muted" data-testid="alerts-empty">
            No {STATUS_LABELS[tab].toLowerCase()} alerts{includeSnoozed ? '' : ' (snoozed ones are hidden)'}.
          </p>
        ) : null}
        {alerts.map((alert) => (
          <AlertCard
            key={alert.alertId}
            alert={alert}
            me={me}
            canWrite={canWrite}
            nowMs={now}
            busy={pendingId === alert.alertId}
            onChange={onChange}
          />
        ))}
        {alerts.length >= ALERTS_LIMIT ? <p className="muted">The newest {ALERTS_LIMIT} are shown.</p> : null}
      </div>
    </section>
  );
});
