import { updateItem } from '../db/items';

/**
 * Removes a customer's segment, scores and history and bumps `segmentVersion`, only if the version is still
 * `version` (0: never written), like every segment write. Throws lib/db's `ConditionFailedError` when it moved.
 */
export async function clearCustomerSegment(customerId: string, version: number): Promise<void> {
  await updateItem(
    'customers',
    { customerId },
    'REMOVE #segment, rfm, segmentHistory, segmentUpdatedAt SET segmentVersion = :next',
    {
      names: { '#segment': 'segment' },
      values: { ':next': version + 1, ...(version ? { ':v': version } : {}) },
      condition: version ? 'segmentVersion = :v' : 'attribute_not_exists(segmentVersion)',
    },
  );
}
