import { batchGet } from '../db/batch';
import { ConditionFailedError, queryItems, updateItem } from '../db/items';
import { newEvent } from '../events';
import { eventIdFor } from '../events/event-id';
import { forEachLimit } from '../for-each-limit';
import { publishEvent } from '../kinesis/producer';
import { activitySchema, SESSION_GAP_MS, WINDOW_MS, windowOf, type Activity } from './live-activity';

/** How far back a sweep looks for sessions that went quiet: a worker down longer ends them on the next event. */
const LOOK_BACK_MS = 60 * 60_000;
const CLAIM_STALE_MS = 5 * 60_000;

/**
 * Ends the sessions that have been quiet for 30 minutes: publishes `session_end` (reason `inactivity`, source
 * `sessions`) for each, which the live-activity handler folds in and the cart-abandonment check reacts to. Shoppers
 * are found through the five-minute activity windows of the hour before the cut-off, not by scanning every row.
 * Each session is claimed on its activity row first (conditional on its last event being the one seen), and its
 * event id is derived from the customer and the session's start, so two workers, or a sweep repeated after a
 * crash, publish one end per session.
 */
export async function endIdleSessions(now = new Date()): Promise<{ ended: number }> {
  const cutoff = now.getTime() - SESSION_GAP_MS;
  const windows: string[] = [];
  for (let t = cutoff - LOOK_BACK_MS; t + WINDOW_MS <= cutoff; t += WINDOW_MS)
    windows.push(windowOf(new Date(t).toISOString()));
  const ids = new Set<string>();
  await forEachLimit([...new Set(windows)], 4, async (w) => {
    const rows = await queryItems('stream_aggregates', {
      keyCondition: 'metric = :m',
      values: { ':m': `active:${w}` },
    });
    rows.forEach((r) => ids.add(String(r.bucket)));
  });
  if (!ids.size) return { ended: 0 };
  const rows = await batchGet(
    'stream_aggregates',
    [...ids].map((customerId) => ({ metric: 'activity', bucket: customerId })),
    { consistent: true },
  );
  const idle: Activity[] = [];
  for (const row of rows) {
    const parsed = activitySchema.safeParse(row);
    if (!parsed.success || parsed.data.ended) continue;
    if (Date.parse(parsed.data.lastEventAt) > cutoff) continue;
    // Claimed by a sweep that is (or was, a few minutes ago) publishing its end: theirs, unless the claim is stale.
    const claimedAt = typeof row.endClaimedAt === 'number' ? row.endClaimedAt : 0;
    if (row.endClaimedFor === parsed.data.sessionStartedAt && now.getTime() - claimedAt < CLAIM_STALE_MS)
      continue;
    idle.push(parsed.data);
  }
  let ended = 0;
  await forEachLimit(idle, 8, async (session) => {
    try {
      await updateItem(
        'stream_aggregates',
        { metric: 'activity', bucket: session.customerId },
        'SET endClaimedFor = :s, endClaimedAt = :now',
        {
          // A claim whose sweep died before publishing goes stale; the event id is the same, so a second publish
          // of it is harmless.
          condition:
            'lastEventAt = :l AND ended = :f AND (attribute_not_exists(endClaimedFor) OR endClaimedFor <> :s OR endClaimedAt < :stale)',
          values: {
            ':s': session.sessionStartedAt,
            ':l': session.lastEventAt,
            ':f': false,
            ':now': now.getTime(),
            ':stale': now.getTime() - CLAIM_STALE_MS,
          },
        },
      );
    } catch (error) {
      if (error instanceof ConditionFailedError) return; // another sweep has it, or the shopper is back
      throw error;
    }
    const endsAt = Date.parse(session.lastEventAt) + SESSION_GAP_MS;
    await publishEvent(
      newEvent('session_end', {
        eventId: eventIdFor('session_end', `${session.customerId}\u0000${session.sessionStartedAt}`),
        source: 'sessions',
        customerId: session.customerId,
        ...(session.sessionId ? { sessionId: session.sessionId } : {}),
        occurredAt: new Date(endsAt).toISOString(),
        properties: {
          durationSeconds: Math.max(
            0,
            Math.round((Date.parse(session.lastEventAt) - Date.parse(session.sessionStartedAt)) / 1000),
          ),
          eventCount: Math.max(1, session.sessionEvents),
          reason: 'inactivity',
        },
      }),
    );
    ended++;
  });
  return { ended };
}
