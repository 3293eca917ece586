import { getConfig } from '../config';
import { batchGet } from '../db/batch';
import { ConditionFailedError, putItem } from '../db/items';
import type { EventOf } from '../events';
import { formatMoney } from '../money/currency';
import { allowing, countEnforcement } from '../privacy/consent/may-use';
import { raiseAlert } from './alerts/alert-store';
import { cartAbandonment } from './detection/customer-signals';
import { activitySchema, type Activity } from './live-activity';

/**
 * A session that ended (explicitly, or by the worker's 30-minute timeout) with a valuable cart and no purchase raises
 * a `cart_abandoned` alert. It invites outreach, so, like early churn, only for customers who allow `marketing`;
 * the others are counted as refused, once per session. Runs after live-activity, which has folded the end into the
 * shopper's row; a timeout that no longer applies (the shopper came back) left the row open and raises nothing.
 * One alert per customer and session, however often the event is delivered.
 */
export async function detectAbandonedCarts(
  ends: readonly EventOf<'session_end'>[],
  now = new Date(),
): Promise<{ raised: number; refusedForConsent: number }> {
  if (!ends.length) return { raised: 0, refusedForConsent: 0 };
  const { CART_ABANDON_MINOR: threshold, STORE_CURRENCY: currency } = getConfig();
  const rows = await batchGet(
    'stream_aggregates',
    [...new Set(ends.map((e) => e.customerId))].map((customerId) => ({
      metric: 'activity',
      bucket: customerId,
    })),
    { consistent: true },
  );
  const sessions = new Map<string, Activity>();
  for (const row of rows) {
    const parsed = activitySchema.safeParse(row);
    if (parsed.success) sessions.set(parsed.data.customerId, parsed.data);
  }
  const abandoned: {
    end: EventOf<'session_end'>;
    session: Activity;
    why: ReturnType<typeof cartAbandonment>;
  }[] = [];
  for (const end of ends) {
    const session = sessions.get(end.customerId);
    if (!session?.ended || abandoned.some((a) => a.session === session)) continue;
    const why = cartAbandonment(
      {
        cartValueMinor: session.cartValueMinor,
        purchased: session.purchased,
        endedBy: end.properties.reason === 'inactivity' ? 'timeout' : 'session_end',
      },
      { currency, thresholdMinor: threshold },
    );
    if (why.raise) abandoned.push({ end, session, why });
  }
  if (!abandoned.length) return { raised: 0, refusedForConsent: 0 };
  const mayContact = await allowing(
    abandoned.map((a) => a.session.customerId),
    'marketing',
  );
  const alertId = (s: Activity) => `cart_abandoned:${s.customerId}:${s.sessionStartedAt}`;
  let raised = 0;
  let refused = 0;
  for (const { end, session, why } of abandoned) {
    if (!mayContact.has(session.customerId)) {
      try {
        await putItem(
          'stream_aggregates',
          {
            metric: 'cart-abandoned:refused',
            bucket: alertId(session),
            expiresAt: Math.floor(now.getTime() / 1000) + 30 * 86_400,
          },
          { condition: 'attribute_not_exists(metric)' },
        );
        refused++;
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      continue;
    }
    const created = await raiseAlert(
      {
        alertId: alertId(session),
        kind: 'cart_abandoned',
        severity: session.cartValueMinor >= 5 * threshold ? 'warning' : 'info',
        title: `${session.customerId} left ${formatMoney(session.cartValueMinor, currency)} in their cart`,
        subject: session.customerId,
        customerId: session.customerId,
        explanation: {
          feature: why.feature,
          expected: why.expected,
          observed: `${why.observed}; session of ${session.sessionEvents} events ended ${end.occurredAt}`,
          why: why.why,
        },
      },
      now,
    );
    if (created) raised++;
  }
  countEnforcement('marketing', 'rejected', refused);
  return { raised, refusedForConsent: refused };
}
