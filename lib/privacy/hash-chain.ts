import { createHash } from 'node:crypto';

/**
 * Tamper evidence for append-only logs (the consent ledger, the audit log): each entry's hash covers the previous
 * entry's hash and the entry's own content, so changing, removing or reordering any entry breaks every link after
 * it. Pure: no I/O.
 */

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(previousHash: string, body: unknown): string {
  return createHash('sha256')
    .update(`${previousHash}\n${canonicalJson(body)}`)
    .digest('hex');
}

export interface ChainedEntry {
  prevHash: string;
  hash: string;
}

export interface BrokenLink {
  /** Position in the list given (0 = first). */
  index: number;
  reason: 'content changed' | 'link broken';
}

/**
 * The first entry whose stored hash does not match its content ("content changed") or whose `prevHash` is not the
 * previous entry's hash ("link broken": an entry was removed, inserted or reordered); null when the chain holds.
 * `body` gives the hashed content of an entry (everything but its hashes and bookkeeping).
 */
export function findBrokenLink<E extends ChainedEntry>(
  entries: readonly E[],
  genesis: string,
  body: (entry: E) => unknown,
): BrokenLink | null {
  let previous = genesis;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as E;
    if (entry.prevHash !== previous) return { index, reason: 'link broken' };
    if (chainHash(entry.prevHash, body(entry)) !== entry.hash) return { index, reason: 'content changed' };
    previous = entry.hash;
  }
  return null;
}
