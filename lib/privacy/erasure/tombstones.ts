import { batchGet } from '../../db/batch';
import { putItem, scanItems } from '../../db/items';
import { keyedRef } from '../pseudonym';

/**
 * An erased customer leaves a tombstone: an item in `privacy_requests` keyed by a keyed hash of their id (so the
 * id itself is stored nowhere), which late events, stream replays, retried orders and consent calls are checked
 * against, so nothing recreates their data.
 */
const tombstoneKey = (customerId: string) => `tombstone:${keyedRef('tombstone', customerId)}`;

/** What erased data refers to instead of the customer id (orders, requests): unlinkable without the key. */
export const erasedReference = (customerId: string) =>
  `erased_${keyedRef('tombstone', customerId).slice(0, 16)}`;

export async function putTombstone(customerId: string, requestId: string, erasedAt: string): Promise<void> {
  await putItem('privacy_requests', {
    requestId: tombstoneKey(customerId),
    kind: 'tombstone',
    requestOf: requestId,
    erasedAt,
  });
  known?.add(tombstoneKey(customerId));
}

// Tombstones are few: each process keeps the whole set, refreshed every REFRESH_MS (and told at once of an erasure
// it made itself), so the request paths ask without a store call. An order or consent call slipping through in that
// window is erased again by the worker when it handles `customer_erased`.
const REFRESH_MS = 2_000;
let known: Set<string> | undefined;
let loadedAt = 0;
let loading: Promise<Set<string>> | undefined;

async function tombstones(): Promise<Set<string>> {
  if (known && Date.now() - loadedAt < REFRESH_MS) return known;
  loading ??= scanItems('privacy_requests', {
    expression: 'begins_with(requestId, :t)',
    values: { ':t': 'tombstone:' },
  })
    .then((items) => {
      // A union: a tombstone this process wrote while the scan ran must not be forgotten.
      known = new Set([...items.map((i) => String(i.requestId)), ...(known ?? [])]);
      loadedAt = Date.now();
      return known;
    })
    .finally(() => (loading = undefined));
  return loading;
}

/** Whether the customer was erased (request paths: no store call most of the time). */
export async function isErased(customerId: string): Promise<boolean> {
  return (await tombstones()).has(tombstoneKey(customerId));
}

/**
 * Which of these customers were erased, from this process's tombstone set (at most REFRESH_MS old): for the hot
 * request paths, where a store read per request would cost more than the rare slip, which the consumers' own
 * authoritative check (erasedAmong) then drops.
 */
export async function knownErasedAmong(customerIds: readonly string[]): Promise<Set<string>> {
  const known = await tombstones();
  if (!known.size) return new Set();
  // One keyed hash per customer, not per event: a batch holds many events of few shoppers.
  return new Set([...new Set(customerIds)].filter((id) => known.has(tombstoneKey(id))));
}

/** Which of these customers were erased, read from the store (the consumers: authoritative, one read per 100). */
export async function erasedAmong(customerIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(customerIds)];
  if (!unique.length) return new Set();
  const keys = new Map(unique.map((id) => [tombstoneKey(id), id]));
  const found = await batchGet(
    'privacy_requests',
    [...keys.keys()].map((requestId) => ({ requestId })),
    { consistent: true },
  );
  return new Set(found.map((f) => keys.get(String(f.requestId))).filter((id): id is string => !!id));
}

/** Makes the next check re-read the tombstones (they only ever grow, so what is known stays). */
export function forgetTombstones(): void {
  loadedAt = 0;
}
