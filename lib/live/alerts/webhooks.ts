import { createHmac } from 'node:crypto';
import { getConfig } from '../../config';
import { ConditionFailedError, putItem, queryItems, updateItem } from '../../db/items';
import { forEachLimit } from '../../for-each-limit';
import { SEVERITIES, type Alert } from './alert';

/**
 * Optional delivery of new alerts to ALERT_WEBHOOK_URL (a chat hook, an incident tool), with retries. Each alert to
 * deliver has a row in `stream_aggregates` (`webhook:delivery` / alert id), written before the alert itself, so a
 * crash between the two cannot lose the delivery; the worker sends due rows every few seconds. A row is claimed
 * (conditionally) before sending, so two workers do not both send it; a failure is retried with exponential backoff
 * (1 s doubling up to 5 minutes, MAX_ATTEMPTS in all), except a 4xx answer other than 408/429, which will not
 * improve. Receivers should still deduplicate on `X-Pulse-Delivery` (the alert id): a crash after a send and before
 * its row is marked sends it again. The body is signed with ALERT_WEBHOOK_SECRET (HMAC-SHA256, `X-Pulse-Signature`).
 */
const WEBHOOK_METRIC = 'webhook:delivery';
export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 5_000;
const CLAIM_MS = 30_000;
const KEEP_DAYS = 30;
/** A delivery whose alert has not appeared by then is given up ('the alert is gone'). */
const GONE_AFTER_MS = 10 * 60_000;

const webhookBackoffMs = (attempt: number) => Math.min(5 * 60_000, 1_000 * 2 ** (attempt - 1));

export interface WebhookState {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  at: string;
  lastError?: string;
}

const wanted = (severity: Alert['severity']) => {
  const config = getConfig();
  if (!config.ALERT_WEBHOOK_URL) return false;
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(config.ALERT_WEBHOOK_MIN_SEVERITY);
};

/** Called before an alert is stored: its delivery row, if a webhook is configured and the severity is wanted. */
export async function queueWebhook(
  alert: Pick<Alert, 'alertId' | 'severity' | 'customerId'>,
  now: Date,
): Promise<void> {
  if (!wanted(alert.severity)) return;
  try {
    await putItem(
      'stream_aggregates',
      {
        metric: WEBHOOK_METRIC,
        bucket: alert.alertId,
        ...(alert.customerId ? { customerId: alert.customerId } : {}),
        status: 'pending',
        attempts: 0,
        queuedAt: now.toISOString(),
        nextAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400,
      },
      { condition: 'attribute_not_exists(metric)' }, // the same detection again: one delivery
    );
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
  }
}

function webhookBody(alert: Alert): string {
  const base = getConfig().publicUrl;
  return JSON.stringify({
    type: 'alert.raised',
    alert: {
      alertId: alert.alertId,
      kind: alert.kind,
      severity: alert.severity,
      title: alert.title,
      subject: alert.subject,
      customerId: alert.customerId ?? null,
      explanation: alert.explanation,
      createdAt: alert.createdAt,
    },
    url: `${base}/live?alert=${encodeURIComponent(alert.alertId)}`,
  });
}

export const webhookSignature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Sends the deliveries that are due; returns how many were delivered, retried later and given up. */
export async function deliverDueWebhooks(
  loadAlert: (alertId: string) => Promise<Alert | undefined>,
  now = new Date(),
): Promise<{ delivered: number; retrying: number; failed: number }> {
  const config = getConfig();
  const counts = { delivered: 0, retrying: 0, failed: 0 };
  if (!config.ALERT_WEBHOOK_URL) return counts;
  const at = now.toISOString();
  const due = await queryItems('stream_aggregates', {
    keyCondition: 'metric = :m',
    filter: '#s = :p AND nextAt <= :now',
    names: { '#s': 'status' }, // a reserved word
    values: { ':m': WEBHOOK_METRIC, ':p': 'pending', ':now': at },
  });
  await forEachLimit(due, 4, async (row) => {
    const alertId = String(row.bucket);
    const attempts = Number(row.attempts ?? 0);
    try {
      await updateItem(
        'stream_aggregates',
        { metric: WEBHOOK_METRIC, bucket: alertId },
        'SET claimedUntil = :u',
        {
          condition:
            '#s = :p AND attempts = :a AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
          names: { '#s': 'status' },
          values: {
            ':p': 'pending',
            ':a': attempts,
            ':now': at,
            ':u': new Date(now.getTime() + CLAIM_MS).toISOString(),
          },
        },
      );
    } catch (error) {
      if (error instanceof ConditionFailedError) return; // another worker is sending it
      throw error;
    }
    const alert = await loadAlert(alertId);
    if (!alert && now.getTime() - Date.parse(String(row.queuedAt ?? row.nextAt)) < GONE_AFTER_MS) {
      // Queued just before its alert is stored (or the detection that crashed in between runs again): not yet.
      await updateItem(
        'stream_aggregates',
        { metric: WEBHOOK_METRIC, bucket: alertId },
        'SET nextAt = :n REMOVE claimedUntil',
        {
          condition: 'attribute_exists(metric)',
          values: { ':n': new Date(now.getTime() + 5_000).toISOString() },
        },
      ).catch((error: unknown) => {
        if (!(error instanceof ConditionFailedError)) throw error;
      });
      return;
    }
    const outcome = alert
      ? await send(config.ALERT_WEBHOOK_URL!, config.ALERT_WEBHOOK_SECRET, alert)
      : 'gone';
    const tried = attempts + 1;
    const state: WebhookState =
      outcome === 'ok'
        ? { status: 'delivered', attempts: tried, at }
        : outcome === 'gone' || outcome.permanent || tried >= MAX_ATTEMPTS
          ? {
              status: 'failed',
              attempts: tried,
              at,
              lastError: outcome === 'gone' ? 'the alert is gone' : outcome.error,
            }
          : { status: 'pending', attempts: tried, at, lastError: outcome.error };
    await updateItem(
      'stream_aggregates',
      { metric: WEBHOOK_METRIC, bucket: alertId },
      'SET #s = :s, attempts = :a, nextAt = :n, lastError = :e REMOVE claimedUntil',
      {
        // An erasure may have deleted the row during the send: it must not come back.
        condition: 'attribute_exists(metric)',
        names: { '#s': 'status' },
        values: {
          ':s': state.status,
          ':a': tried,
          ':n': new Date(now.getTime() + webhookBackoffMs(tried)).toISOString(),
          ':e': state.lastError ?? '',
        },
      },
    ).catch((error: unknown) => {
      if (!(error instanceof ConditionFailedError)) throw error;
    });
    if (alert) {
      // Shown in the alert inbox; not a workflow change, so the alert's revision stays.
      await updateItem('alerts', { alertId }, 'SET webhook = :w', {
        condition: 'attribute_exists(alertId)',
        values: { ':w': state },
      }).catch((error: unknown) => {
        if (!(error instanceof ConditionFailedError)) throw error;
      });
    }
    counts[state.status === 'delivered' ? 'delivered' : state.status === 'failed' ? 'failed' : 'retrying']++;
  });
  return counts;
}

async function send(
  url: string,
  secret: string | undefined,
  alert: Alert,
): Promise<'ok' | { error: string; permanent: boolean }> {
  const body = webhookBody(alert);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-pulse-event': 'alert.raised',
        'x-pulse-delivery': alert.alertId,
        ...(secret ? { 'x-pulse-signature': webhookSignature(secret, body) } : {}),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return 'ok';
    const permanent =
      response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
    return { error: `answered ${response.status}`, permanent };
  } catch (error) {
    return {
      error: (error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message,
      permanent: false,
    };
  }
}
