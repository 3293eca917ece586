import { updateItem } from '../db/items';
import type { CustomerItem } from './customer';

export interface CustomerSegmentWrite {
  segment: string;
  rfm: NonNullable<CustomerItem['rfm']>;
  /** When it was scored (ISO). */
  at: string;
  history?: CustomerItem['segmentHistory'];
  /** The `segmentVersion` the customer had when read (0: never written); the write stores the next one. */
  version: number;
  /** The order count the scores were computed from. */
  orderCount: number;
}

/**
 * Stores a customer's segment, scores and history and bumps `segmentVersion`, only if the version and the order
 * count are still those it was scored from: two scorers racing on one customer cannot lose a history entry, and a
 * summary that moved since (a purchase, or a read that lagged) is not overwritten with stale scores. Throws
 * lib/db's `ConditionFailedError` when either moved, for the caller to read again and rescore.
 */
export async function setCustomerSegment(customerId: string, write: CustomerSegmentWrite): Promise<void> {
  const { version, orderCount } = write;
  await updateItem(
    'customers',
    { customerId },
    'SET #segment = :s, rfm = :r, segmentUpdatedAt = :at, segmentHistory = :h, segmentVersion = :next',
    {
      names: { '#segment': 'segment' }, // a reserved word
      values: {
        ':s': write.segment,
        ':r': write.rfm,
        ':at': write.at,
        ':h': write.history ?? [],
        ':next': version + 1,
        ...(version ? { ':v': version } : {}),
        ':orders': orderCount,
      },
      condition: [
        version ? 'segmentVersion = :v' : 'attribute_not_exists(segmentVersion)',
        orderCount ? 'orderCount = :orders' : '(attribute_not_exists(orderCount) OR orderCount = :orders)',
      ].join(' AND '),
    },
  );
}
