'use client';
import { useStoreUnits } from '@/components/shell/store-units';
import { useState } from 'react';
import type { Alert } from '@/lib/live/alerts/alert';
import type { AlertChange } from '@/lib/live/alerts/alert-store';
import {
  KIND_LABELS,
  SNOOZE_CHOICES,
  STATUS_LABELS,
  alertTime,
  isSnoozed,
  snoozeUntil,
  statusActions,
} from './alert-format';

/** One alert: what was detected and why, who has it, and the workflow buttons. */
export function AlertCard({
  alert,
  me,
  canWrite,
  nowMs,
  busy,
  onChange,
}: {
  alert: Alert;
  /** The signed-in user's email, for "Assign to me". */
  me: string;
  canWrite: boolean;
  nowMs: number;
  /** A change to this alert is on its way. */
  busy: boolean;
  /** Sends a change; `after` runs once it is stored. */
  onChange: (alert: Alert, change: AlertChange, after?: () => void) => void;
}) {
  const { timeZone } = useStoreUnits();
  const [snooze, setSnooze] = useState<number>(SNOOZE_CHOICES[0].ms);
  const [comment, setComment] = useState('');
  const send = (body: AlertChange, after?: () => void) => onChange(alert, body, after);
  const snoozed = isSnoozed(alert, nowMs);

  return (
    <article
      className={`alert-card severity-${alert.severity}`}
      data-testid="alert"
      data-alert-id={alert.alertId}
      aria-labelledby={`alert-title-${alert.alertId}`}
    >
      <header className="alert-head">
        <span className={`severity-badge severity-${alert.severity}`}>{alert.severity}</span>
        <span className="kind-badge">{KIND_LABELS[alert.kind]}</span>
        <h3 className="alert-title" id={`alert-title-${alert.alertId}`}>
          {alert.title}
        </h3>
        <span className={`alert-status status-${alert.status}`} data-testid="alert-status">
          {STATUS_LABELS[alert.status]}
        </span>
      </header>
      <dl className="alert-explanation">
        <dt>Feature</dt>
        <dd>{alert.explanation.feature}</dd>
        <dt>Expected</dt>
        <dd>{alert.explanation.expected}</dd>
        <dt>Observed</dt>
        <dd data-testid="alert-observed">{alert.explanation.observed}</dd>
        <dt>Why</dt>
        <dd>{alert.explanation.why}</dd>
      </dl>
      <p className="muted alert-meta">
        Raised {alertTime(alert.createdAt, timeZone)} · about {alert.subject} ·{' '}
        <span data-testid="alert-assignee">
          {alert.assignee ? `assigned to ${alert.assignee === me ? 'you' : alert.assignee}` : 'unassigned'}
        </span>
        {snoozed && alert.snoozedUntil ? ` · snoozed until ${alertTime(alert.snoozedUntil, timeZone)}` : ''}
        {alert.webhook
          ? ` · webhook ${alert.webhook.status}${alert.webhook.attempts > 1 ? ` after ${alert.webhook.attempts} attempts` : ''}`
          : ''}
      </p>
      {canWrite ? (
        <div className="alert-actions">
          {statusActions(alert.status).map((a) => (
            <button
              key={a.to}
              type="button"
              className={a.to === 'resolved' || a.to === 'open' ? 'secondary' : undefined}
              disabled={busy}
              onClick={() => send({ status: a.to })}
            >
              {a.label}
            </button>
          ))}
          {alert.assignee === me ? (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => send({ assignee: null })}
            >
              Unassign
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => send({ assignee: me })}
            >
              Assign to me
            </button>
          )}
          {alert.status !== 'resolved' ? (
            snoozed ? (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => send({ snoozedUntil: null })}
              >
                Wake
              </button>
            ) : (
              <span className="snooze">
                <select
                  aria-label="Snooze for"
                  value={snooze}
                  onChange={(e) => setSnooze(Number(e.target.value))}
                  disabled={busy}
                >
                  {SNOOZE_CHOICES.map((c) => (
                    <option key={c.ms} value={c.ms}>
                      {c.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => send({ snoozedUntil: snoozeUntil(Date.now(), snooze) })}
                >
                  Snooze
                </button>
              </span>
            )
          ) : null}
        </div>
      ) : null}
      <details className="alert-thread">
        <summary>
          {alert.comments.length} {alert.comments.length === 1 ? 'comment' : 'comments'} · history (
          {alert.history.length} {alert.history.length === 1 ? 'change' : 'changes'})
        </summary>
        {alert.comments.length ? (
          <ul className="alert-comments">
            {alert.comments.map((c) => (
              <li key={`${c.at}${c.by}`}>
                <span className="muted">
                  {alertTime(c.at, timeZone)} · {c.by}
                </span>
                <div>{c.text}</div>
              </li>
            ))}
          </ul>
        ) : null}
        {canWrite ? (
          <form
            className="comment-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (comment.trim()) send({ comment: comment.trim() }, () => setComment(''));
            }}
          >
            <label>
              Comment
              <textarea
                value={comment}
                maxLength={2000}
                rows={2}
                onChange={(e) => setComment(e.target.value)}
                disabled={busy}
              />
            </label>
            <button type="submit" disabled={busy || !comment.trim()}>
              Add comment
            </button>
          </form>
        ) : null}
        <ol className="alert-history">
          {alert.history.map((h, i) => (
            <li key={i}>
              <span className="muted">{alertTime(h.at, timeZone)}</span> {h.change}{' '}
              <span className="muted">by {h.by}</span>
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
