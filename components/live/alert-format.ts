import { ALERT_STATUSES, ALERT_TRANSITIONS, type Alert } from '@/lib/live/alerts/alert';
import { dateTimeLabel } from '@/lib/time/clock-format';

/** The alert inbox's words and choices. Pure. */

export type AlertStatus = Alert['status'];

export const INBOX_TABS: readonly AlertStatus[] = ALERT_STATUSES;

export const STATUS_LABELS: Record<AlertStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

/** The button that moves an alert to a status. */
const ACTION_LABELS: Record<AlertStatus, string> = {
  open: 'Reopen',
  acknowledged: 'Acknowledge',
  resolved: 'Resolve',
};

/** The status changes an alert in `status` allows, as buttons: [target status, label]. */
export function statusActions(status: AlertStatus): { to: AlertStatus; label: string }[] {
  return ALERT_TRANSITIONS[status].map((to) => ({ to, label: ACTION_LABELS[to] }));
}

export const SNOOZE_CHOICES = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '4 hours', ms: 4 * 3_600_000 },
  { label: '1 day', ms: 86_400_000 },
  { label: '1 week', ms: 7 * 86_400_000 },
] as const;

/** The ISO time a snooze of `ms` from `nowMs` ends. */
export const snoozeUntil = (nowMs: number, ms: number) => new Date(nowMs + ms).toISOString();

export const isSnoozed = (alert: Pick<Alert, 'snoozedUntil'>, nowMs: number) =>
  alert.snoozedUntil !== undefined && Date.parse(alert.snoozedUntil) > nowMs;

/** "order value" → readable kind names for the badge. */
export const KIND_LABELS: Record<Alert['kind'], string> = {
  traffic_spike: 'traffic spike',
  traffic_drop: 'traffic drop',
  conversion_drop: 'conversion drop',
  order_value: 'order value',
  early_churn: 'early churn',
  cart_abandoned: 'abandoned cart',
};

/** "24 Nov 14:03 UTC", "24 Nov 09:03 GMT-5": on the store's clock. */
export function alertTime(iso: string, timeZone = 'UTC'): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateTimeLabel(t, timeZone) : '';
}

/** "3 open", "50+ open" when the page is full (there may be more). */
export function tabCount(n: number | undefined, limit: number): string {
  if (n === undefined) return '';
  return n >= limit ? `${limit}+` : String(n);
}

/** What a refused change means for the person who clicked. */
export function changeErrorMessage(error: { status: number; message: string }): string {
  if (error.status === 409)
    return 'Someone else changed this alert at the same moment. The inbox has been reloaded: check the alert and try again.';
  if (error.status === 422) return `${error.message} The inbox has been reloaded.`;
  if (error.status === 404) return 'This alert no longer exists (the customer may have been erased).';
  if (error.status === 403) return 'Your role may not change alerts.';
  return `Could not change the alert: ${error.message}`;
}
