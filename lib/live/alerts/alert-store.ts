import { ConditionFailedError, getItem, putItem, queryPage } from '../../db/items';
import { conflict, notFound, unprocessable } from '../../errors/domain-error';
import { alertSchema, ALERT_TRANSITIONS, type Alert } from './alert';
import { queueWebhook } from './webhooks';

export type NewAlert = Pick<
  Alert,
  'alertId' | 'kind' | 'severity' | 'title' | 'subject' | 'customerId' | 'explanation'
>;

/** Raises the alert unless one with its id exists (the same detection redelivered). True when it is new. */
export async function raiseAlert(alert: NewAlert, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const item: Alert = {
    ...alert,
    status: 'open',
    createdAt: at,
    updatedAt: at,
    comments: [],
    history: [{ at, by: 'system:detection', change: 'raised' }],
    revision: 0,
  };
  // The delivery first: a crash between the two must not lose it (a repeat of a known alert adds nothing).
  await queueWebhook(alert, now);
  try {
    await putItem(
      'alerts',
      { ...item },
      {
        condition: 'attribute_not_exists(alertId)',
      },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

export async function getAlert(alertId: string): Promise<Alert | undefined> {
  const item = await getItem('alerts', { alertId }, { consistent: true });
  return item ? alertSchema.parse(item) : undefined;
}

/** Newest first, by status; snoozed ones left out unless asked for. */
export async function listAlerts(
  status: Alert['status'],
  options: { limit: number; includeSnoozed?: boolean; now?: Date },
): Promise<Alert[]> {
  const now = (options.now ?? new Date()).toISOString();
  const alerts: Alert[] = [];
  let startKey: Record<string, unknown> | undefined;
  // Page on until `limit` are found: snoozed ones are skipped, and there may be many of them.
  do {
    const page = await queryPage('alerts', {
      index: 'by_status',
      keyCondition: '#s = :s',
      names: { '#s': 'status' }, // a reserved word
      values: { ':s': status },
      forward: false,
      limit: options.limit,
      startKey,
    });
    for (const item of page.items) {
      const alert = alertSchema.parse(item);
      if (options.includeSnoozed || !alert.snoozedUntil || alert.snoozedUntil <= now) alerts.push(alert);
    }
    startKey = page.nextKey;
  } while (startKey && alerts.length < options.limit);
  return alerts.slice(0, options.limit);
}

export interface AlertChange {
  status?: Alert['status'];
  /** An email, or null to unassign. */
  assignee?: string | null;
  /** ISO time, or null to wake it. */
  snoozedUntil?: string | null;
  comment?: string;
  /** The revision the user saw: a change made since then is refused (409) rather than overwritten. */
  revision?: number;
}

/**
 * Applies a change by `actor`, conditional on the revision read, with the change in the alert's history. Refused as
 * not_found, conflict (a change since the revision the user saw, or meanwhile) or unprocessable (a move the workflow
 * does not allow, a snooze in the past).
 */
export async function changeAlert(
  alertId: string,
  change: AlertChange,
  actor: string,
  now = new Date(),
): Promise<Alert> {
  const alert = await getAlert(alertId);
  if (!alert) throw notFound(`No alert ${alertId}.`);
  if (change.revision !== undefined && change.revision !== alert.revision)
    throw conflict(
      `Someone else changed this alert since you saw it (revision ${change.revision}, now ${alert.revision}); reload it and try again.`,
    );
  const at = now.toISOString();
  const next: Alert = { ...alert, updatedAt: at, revision: alert.revision + 1, history: [...alert.history] };
  if (change.status && change.status !== alert.status) {
    if (!ALERT_TRANSITIONS[alert.status].includes(change.status))
      throw unprocessable(
        `An ${alert.status} alert cannot become ${change.status} (it may become ${ALERT_TRANSITIONS[alert.status].join(' or ')}).`,
      );
    next.status = change.status;
    next.history.push({ at, by: actor, change: `${alert.status} → ${change.status}` });
    if (change.status === 'resolved') delete next.snoozedUntil;
  }
  if (change.assignee !== undefined) {
    if (change.assignee === null) delete next.assignee;
    else next.assignee = change.assignee;
    next.history.push({
      at,
      by: actor,
      change: change.assignee ? `assigned to ${change.assignee}` : 'unassigned',
    });
  }
  if (change.snoozedUntil !== undefined) {
    if (change.snoozedUntil !== null && change.snoozedUntil <= at)
      throw unprocessable('snoozedUntil must be in the future.');
    if (change.snoozedUntil === null) delete next.snoozedUntil;
    else next.snoozedUntil = change.snoozedUntil;
    next.history.push({
      at,
      by: actor,
      change: change.snoozedUntil ? `snoozed until ${change.snoozedUntil}` : 'woken',
    });
  }
  if (change.comment) next.comments = [...alert.comments, { at, by: actor, text: change.comment }];
  try {
    await putItem(
      'alerts',
      { ...next },
      {
        condition: 'revision = :r',
        values: { ':r': alert.revision },
      },
    );
  } catch (error) {
    if (error instanceof ConditionFailedError)
      throw conflict('Someone else changed this alert meanwhile; reload it and try again.');
    throw error;
  }
  return next;
}
