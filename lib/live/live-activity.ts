import { z } from 'zod';
import { getConfig } from '../config';
import { batchGet, batchPut } from '../db/batch';
import { ConditionFailedError, putItem, queryItems } from '../db/items';
import type { PulseEvent } from '../events';
import { typesFromSource } from '../events/event-types';
import { forEachLimit } from '../for-each-limit';
import { comparablePosition, type RecordPosition } from '../kinesis/consumer/handler';
import { countVisit, VISIT_DAYS } from './visit-history';

/**
 * Each shopper's live activity — their current session (started, last event, events, cart value, what they did
 * last, whether they bought) — in `stream_aggregates` (metric `activity`, bucket = customer id), and which shoppers
 * were active in each five-minute window (metric `active:<window>`), for the Live page's active shoppers. A session
 * ends after 30 minutes without an event or with the storefront's `session_end`; a new session id also starts one.
 *
 * Exactly once like the minute counts: a customer's events all travel in one shard, read in order by one consumer,
 * so the row keeps the last sequence number it folded in and a redelivery folds in only what comes after. Rows
 * expire a week after the last event (the retention sweep removes them on the embedded store); erasure deletes them.
 */
export const SESSION_GAP_MS = 30 * 60_000;
export const WINDOW_MS = 5 * 60_000;
// Kept beyond the session for the visit history (a quiet spell is what early churn looks for).
const ACTIVITY_DAYS = VISIT_DAYS;

export const activitySchema = z.object({
  customerId: z.string(),
  sessionId: z.string().nullable(),
  sessionStartedAt: z.string(),
  lastEventAt: z.string(),
  sessionEvents: z.number().int(),
  cartValueMinor: z.number().int(),
  lastType: z.string(),
  lastProductId: z.string().nullable(),
  purchased: z.boolean(),
  ended: z.boolean(),
  /** Sessions started per day over the last 6 weeks (visit-history.ts), for early churn by visits. */
  visitDays: z.record(z.string(), z.number()).default({}),
  /** The first event this row has seen: a rhythm needs weeks of history. */
  firstSeenAt: z.string().optional(),
});
export type Activity = z.infer<typeof activitySchema>;

/** The events that make up a visit: what the storefront sends (but consent choices) and the purchases. */
export const VISIT_EVENT_TYPES = [
  ...typesFromSource('storefront').filter((t) => t !== 'consent_updated'),
  'purchase',
];
const STOREFRONT_AND_PURCHASES = new Set<string>(VISIT_EVENT_TYPES);

/** The activity after one more event (pure); visits count on the store's days (`timeZone`). */
export function foldActivity(previous: Activity | undefined, event: PulseEvent, timeZone: string): Activity {
  if (event.type === 'session_end' && event.source === 'sessions') {
    // The worker's timeout (end-idle-sessions.ts): it applies only if nothing happened in the 30 minutes before it;
    // a shopper who came back meanwhile is in a session the timeout must not end.
    if (!previous || previous.ended) return previous ?? endedAlone(event);
    if (Date.parse(previous.lastEventAt) > Date.parse(event.occurredAt) - SESSION_GAP_MS) return previous;
    return { ...previous, ended: true, lastType: 'session_end' };
  }
  const at = event.occurredAt;
  const startsSession =
    !previous ||
    previous.ended ||
    Date.parse(at) - Date.parse(previous.lastEventAt) > SESSION_GAP_MS ||
    (event.sessionId !== undefined && previous.sessionId !== null && event.sessionId !== previous.sessionId);
  const base: Activity = startsSession
    ? {
        customerId: event.customerId,
        sessionId: event.sessionId ?? null,
        sessionStartedAt: at,
        lastEventAt: at,
        sessionEvents: 0,
        cartValueMinor: 0,
        lastType: event.type,
        lastProductId: null,
        purchased: false,
        ended: false,
        visitDays: countVisit(previous?.visitDays, at, timeZone),
        firstSeenAt: previous?.firstSeenAt ?? previous?.sessionStartedAt ?? at,
      }
    : { ...previous };
  const next: Activity = {
    ...base,
    sessionId: base.sessionId ?? event.sessionId ?? null,
    lastEventAt: at > base.lastEventAt ? at : base.lastEventAt,
    sessionEvents: base.sessionEvents + 1,
    lastType: event.type,
  };
  const p = event.properties as { productId?: string; cartValueMinor?: number };
  if (p.productId) next.lastProductId = p.productId;
  if (event.type === 'add_to_cart' || event.type === 'remove_from_cart' || event.type === 'checkout_started')
    next.cartValueMinor = p.cartValueMinor ?? next.cartValueMinor;
  if (event.type === 'purchase') {
    next.purchased = true;
    next.cartValueMinor = 0;
  }
  if (event.type === 'session_end') next.ended = true;
  return next;
}

function endedAlone(event: PulseEvent): Activity {
  return {
    customerId: event.customerId,
    sessionId: event.sessionId ?? null,
    sessionStartedAt: event.occurredAt,
    lastEventAt: event.occurredAt,
    sessionEvents: 0,
    cartValueMinor: 0,
    lastType: 'session_end',
    lastProductId: null,
    purchased: false,
    ended: true,
    visitDays: {},
    firstSeenAt: event.occurredAt,
  };
}

export const windowOf = (iso: string) =>
  new Date(Math.floor(Date.parse(iso) / WINDOW_MS) * WINDOW_MS).toISOString().slice(0, 16);
const epochSeconds = (iso: string, days: number) => Math.floor(Date.parse(iso) / 1000) + days * 86_400;

export async function recordActivity(
  events: readonly PulseEvent[],
  positions: readonly RecordPosition[],
): Promise<void> {
  const byCustomer = new Map<string, { event: PulseEvent; seq: string }[]>();
  events.forEach((event, i) => {
    if (!STOREFRONT_AND_PURCHASES.has(event.type)) return;
    const list = byCustomer.get(event.customerId) ?? [];
    list.push({ event, seq: comparablePosition(positions[i]!.sequenceNumber) });
    byCustomer.set(event.customerId, list);
  });
  if (!byCustomer.size) return;
  const timeZone = getConfig().STORE_TIMEZONE;
  const rows = await batchGet(
    'stream_aggregates',
    [...byCustomer.keys()].map((customerId) => ({ metric: 'activity', bucket: customerId })),
    { consistent: true },
  );
  const stored = new Map(rows.map((r) => [String(r.bucket), r]));
  const windows: Record<string, unknown>[] = [];
  await forEachLimit([...byCustomer], 8, async ([customerId, list]) => {
    const row = stored.get(customerId);
    const applied = typeof row?.lastSeq === 'string' ? row.lastSeq : '';
    const fresh = list.filter((e) => e.seq > applied).sort((a, b) => (a.seq < b.seq ? -1 : 1));
    if (!fresh.length) return;
    let activity = row ? activitySchema.parse(row) : undefined;
    const visitsBefore = activity?.visitDays ?? {};
    for (const { event } of fresh) activity = foldActivity(activity, event, timeZone);
    try {
      await putItem(
        'stream_aggregates',
        {
          metric: 'activity',
          bucket: customerId,
          ...activity,
          lastSeq: fresh.at(-1)!.seq,
          expiresAt: epochSeconds(activity!.lastEventAt, ACTIVITY_DAYS),
        },
        applied
          ? { condition: 'lastSeq = :applied', values: { ':applied': applied } }
          : { condition: 'attribute_not_exists(lastSeq)' },
      );
    } catch (error) {
      // Only another delivery of the same shard's records can have moved it: its row already holds these events.
      if (!(error instanceof ConditionFailedError)) throw error;
      return;
    }
    for (const w of new Set(fresh.map((e) => windowOf(e.event.occurredAt))))
      windows.push({ metric: `active:${w}`, bucket: customerId, expiresAt: epochSeconds(`${w}:00.000Z`, 1) });
    // Who visited on which day, so early churn finds regular visitors without reading every row: written when a
    // visit starts (a day's count grew), not for every batch of its events.
    const newVisitDays = Object.entries(activity!.visitDays)
      .filter(([day, n]) => n > (visitsBefore[day] ?? 0))
      .map(([day]) => day);
    for (const day of newVisitDays)
      windows.push({
        metric: `visitors:${day}`,
        bucket: customerId,
        expiresAt: epochSeconds(`${day}T00:00:00.000Z`, VISIT_DAYS),
      });
  });
  if (windows.length) await batchPut('stream_aggregates', windows);
}

/** Shoppers with an open session: an event in the last 30 minutes and no session end. Newest first. */
export async function activeShoppers(now = new Date()): Promise<Activity[]> {
  const windows: string[] = [];
  for (let t = now.getTime() - SESSION_GAP_MS; t <= now.getTime(); t += WINDOW_MS)
    windows.push(windowOf(new Date(t).toISOString()));
  const ids = new Set<string>();
  const perWindow = await Promise.all(
    [...new Set(windows)].map((w) =>
      queryItems('stream_aggregates', { keyCondition: 'metric = :m', values: { ':m': `active:${w}` } }),
    ),
  );
  for (const rows of perWindow) rows.forEach((r) => ids.add(String(r.bucket)));
  if (!ids.size) return [];
  const rows = await batchGet(
    'stream_aggregates',
    [...ids].map((customerId) => ({ metric: 'activity', bucket: customerId })),
  );
  const cutoff = now.getTime() - SESSION_GAP_MS;
  return rows
    .flatMap((r) => {
      // One damaged row must not take the Live page down: it is skipped.
      const parsed = activitySchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    })
    .filter((a) => !a.ended && Date.parse(a.lastEventAt) >= cutoff)
    .sort((a, b) => b.lastEventAt.localeCompare(a.lastEventAt));
}

/** One shopper's activity, with whether their session is still open. */
export async function customerActivity(
  customerId: string,
  now = new Date(),
): Promise<(Activity & { open: boolean }) | null> {
  const [row] = await batchGet('stream_aggregates', [{ metric: 'activity', bucket: customerId }], {
    consistent: true,
  });
  const parsed = activitySchema.safeParse(row);
  if (!parsed.success) return null;
  const activity = parsed.data;
  return {
    ...activity,
    open: !activity.ended && now.getTime() - Date.parse(activity.lastEventAt) <= SESSION_GAP_MS,
  };
}
