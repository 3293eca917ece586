import { getConfig } from '../config';
import { batchGet, batchPut } from '../db/batch';
import { ConditionFailedError, updateItem } from '../db/items';
import { storeWeekStart } from '../time/store-time';
import { BUSINESS_TOTALS_METRIC, BUSINESS_WEEK_METRIC } from './business-week';

// As the purchase markers: as long as a redelivery can arrive (Kinesis keeps records up to a week here).
const MARKER_TTL_SECONDS = 8 * 24 * 3600;
/** Marks a refund's event counted (bucket: its event id); a rebuild of the weeks writes them for recent refunds. */
export const REFUND_MARKER = 'business:refunded';

export interface CountedRefund {
  /** The refund's event id (derived from the order and refund ids): what is counted once. */
  eventId: string;
  /** When the refunded order was placed: its revenue is taken off that order's week. */
  placedAt: string;
  amountMinor: number;
}

/**
 * Takes refunds off the Overview's revenue: the week of the refunded order (in the store's zone, as the purchase
 * was counted) and the running totals. The order stays counted (orders, active and new customers): a refund
 * changes what an order was worth, not that it was placed. Each refund claims a marker before the counters move,
 * so a redelivered event takes nothing off twice; a crash between the claims and the counters leaves those
 * refunds uncounted (revenue runs high by them) rather than taking them off twice.
 */
export async function recordRefundsInWeeks(refunds: readonly CountedRefund[]): Promise<void> {
  if (!refunds.length) return;
  const zone = getConfig().STORE_TIMEZONE;
  const claimed = new Set(
    (
      await batchGet(
        'business_weeks',
        refunds.map((r) => ({ metric: REFUND_MARKER, bucket: r.eventId })),
        { consistent: true },
      )
    ).map((m) => String(m.bucket)),
  );
  const fresh: CountedRefund[] = [];
  for (const r of refunds) {
    if (claimed.has(r.eventId)) continue; // counted before, or twice in this batch
    claimed.add(r.eventId);
    fresh.push(r);
  }
  if (!fresh.length) return;
  const expiresAt = Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS;
  await batchPut(
    'business_weeks',
    fresh.map((r) => ({ metric: REFUND_MARKER, bucket: r.eventId, expiresAt })),
  );
  let total = 0;
  for (const r of fresh) {
    const week = storeWeekStart(r.placedAt, zone);
    if (await takeOff({ metric: BUSINESS_WEEK_METRIC, bucket: week }, r.amountMinor)) total += r.amountMinor;
    else console.warn(`[overview] refund ${r.eventId}: week ${week} never counted its order; left as it is`);
  }
  if (total && !(await takeOff({ metric: BUSINESS_TOTALS_METRIC, bucket: 'all' }, total)))
    console.warn('[overview] the totals hold less revenue than the refunds; left as they are');
}

/**
 * Lowers a row's revenue, only if the row holds at least that much: a week (or the totals) without it never counted
 * the order (a week the Overview was not fed), and taking it off there would make a week's revenue negative.
 */
async function takeOff(key: { metric: string; bucket: string }, minor: number): Promise<boolean> {
  const totals = key.metric === BUSINESS_TOTALS_METRIC;
  try {
    await updateItem(
      'business_weeks',
      key,
      `${totals ? 'SET updatedAt = :now ' : ''}ADD revenueMinor :minus`,
      {
        values: {
          ...(totals ? { ':now': new Date().toISOString() } : {}),
          ':minus': -minor,
          ':minor': minor,
        },
        condition: 'revenueMinor >= :minor',
      },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
