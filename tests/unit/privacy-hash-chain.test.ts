import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, findBrokenLink } from '@/lib/privacy/hash-chain';

interface Entry {
  prevHash: string;
  hash: string;
  n: number;
  note: string;
}

function chain(count: number): Entry[] {
  const entries: Entry[] = [];
  let previous = 'genesis';
  for (let n = 0; n < count; n++) {
    const body = { n, note: `entry ${n}` };
    const hash = chainHash(previous, body);
    entries.push({ ...body, prevHash: previous, hash });
    previous = hash;
  }
  return entries;
}

const body = (e: Entry) => ({ n: e.n, note: e.note });

describe('hash chain', () => {
  it('hashes the same content the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(chainHash('x', { a: 1, b: 2 })).toBe(chainHash('x', { b: 2, a: 1 }));
    expect(chainHash('x', { a: 1 })).not.toBe(chainHash('y', { a: 1 }));
  });

  it('holds for an untouched chain', () => {
    expect(findBrokenLink(chain(5), 'genesis', body)).toBeNull();
    expect(findBrokenLink([], 'genesis', body)).toBeNull();
  });

  it('reports the entry whose content was edited', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, note: 'rewritten' };
    expect(findBrokenLink(entries, 'genesis', body)).toEqual({ index: 2, reason: 'content changed' });
  });

  it('reports the entry after one that was removed, and a re-hashed forgery at the next link', () => {
    const entries = chain(5);
    expect(findBrokenLink([...entries.slice(0, 2), ...entries.slice(3)], 'genesis', body)).toEqual({
      index: 2,
      reason: 'link broken',
    });
    // Editing an entry and fixing its own hash still breaks the link to the one after it.
    const forged = chain(5);
    forged[1] = { ...forged[1]!, note: 'forged' };
    forged[1]!.hash = chainHash(forged[1]!.prevHash, body(forged[1]!));
    expect(findBrokenLink(forged, 'genesis', body)).toEqual({ index: 2, reason: 'link broken' });
  });
});
