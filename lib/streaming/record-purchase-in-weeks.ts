import { ConditionFailedError, putItem, updateItem } from '../db/items';
import { BUSINESS_TOTALS_METRIC, BUSINESS_WEEK_METRIC, weekStart } from './business-week';

// Markers live as long as a redelivery can arrive (Kinesis keeps records up to a week here), then expire.
const MARKER_TTL_SECONDS = 8 * 24 * 3600;

/** Puts a marker item unless it exists; true when this call created it (the first time this fact is counted). */
async function firstTime(metric: string, bucket: string): Promise<boolean> {
  try {
    await putItem(
      'stream_aggregates',
      { metric, bucket, expiresAt: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS },
      { condition: 'attribute_not_exists(metric)' },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/**
 * Adds one purchase to its week and to the running totals behind the Overview. Each fact is counted once: the
 * event, the customer's activity in that week, and a first-ever order (new customer) each claim a marker item
 * before their counter moves, so a redelivered event adds nothing. A crash between a claim and its increment
 * loses that one increment rather than doubling it.
 */
export async function recordPurchaseInWeeks(purchase: {
  eventId: string;
  customerId: string;
  placedAt: string;
  totalMinor: number;
  firstOrder: boolean;
}): Promise<void> {
  const week = weekStart(purchase.placedAt);
  if (!(await firstTime('business:counted', purchase.eventId))) return;
  const active = await firstTime(`business:active:${week}`, purchase.customerId);
  const isNew = purchase.firstOrder && (await firstTime('business:new', purchase.customerId));
  await updateItem(
    'stream_aggregates',
    { metric: BUSINESS_WEEK_METRIC, bucket: week },
    'SET #week = :week ADD #orders :one, revenueMinor :rev, activeCustomers :active, newCustomers :new',
    {
      names: { '#orders': 'orders', '#week': 'week' }, // guard against reserved words
      values: {
        ':week': week,
        ':one': 1,
        ':rev': purchase.totalMinor,
        ':active': active ? 1 : 0,
        ':new': isNew ? 1 : 0,
      },
    },
  );
  await updateItem(
    'stream_aggregates',
    { metric: BUSINESS_TOTALS_METRIC, bucket: 'all' },
    'SET currency = if_not_exists(currency, :eur), updatedAt = :now ADD #orders :one, revenueMinor :rev, customers :new',
    {
      names: { '#orders': 'orders' },
      values: {
        ':eur': 'EUR',
        ':now': new Date().toISOString(),
        ':one': 1,
        ':rev': purchase.totalMinor,
        ':new': isNew ? 1 : 0,
      },
    },
  );
}
