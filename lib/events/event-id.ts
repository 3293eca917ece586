import { createHash } from 'node:crypto';

/**
 * The UUID namespace of Customer Pulse event ids (a random UUID fixed once). Keeping it private to this file means
 * ids derived here never collide with v5 ids other systems derive from the same names.
 */
const PULSE_NAMESPACE = '6f1c2a4e-8b3d-4c5f-9a7e-2d1b0c9e8f34';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/**
 * A stable event id: an RFC 9562 version-5 UUID (SHA-1) of `namespace` and `key` under the Pulse namespace.
 * A retried outbox send or a replayed order then carries the same eventId, which is what consumers deduplicate on,
 * e.g. `eventIdFor('purchase', orderId)`. The NUL separator keeps ('ab', 'c') and ('a', 'bc') apart.
 */
export function eventIdFor(namespace: string, key: string): string {
  const hash = createHash('sha1')
    .update(uuidBytes(PULSE_NAMESPACE))
    .update(`${namespace}\u0000${key}`, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
