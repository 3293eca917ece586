import { describe, expect, it } from 'vitest';
import { type ApiKeyItem, hashApiKey, summarize } from '@/lib/auth/api-keys/api-key';

describe('hashApiKey', () => {
  it('is the hex SHA-256 of the key', () => {
    // SHA-256("abc") from FIPS 180-2, appendix B.1.
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the same hash for the same key and different hashes for different keys', () => {
    const key = 'cp_live_4fJ9qW2xZp7LmN3vB8tR1sKd';
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(`${key}x`)).not.toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toContain(key);
  });
});

describe('summarize', () => {
  it('shows everything about a key except its hash', () => {
    const item: ApiKeyItem = {
      keyId: 'key_1',
      name: 'Storefront',
      keyHash: hashApiKey('cp_live_4fJ9qW2xZp7LmN3vB8tR1sKd'),
      prefix: 'cp_live_4fJ9',
      scopes: ['events:write', 'orders:write'],
      createdAt: '2026-11-24T09:00:00.000Z',
      createdBy: 'admin@example.com',
      lastUsedAt: '2026-11-24T10:00:00.000Z',
    };
    const summary = summarize(item);
    expect(summary).not.toHaveProperty('keyHash');
    expect(JSON.stringify(summary)).not.toContain(item.keyHash);
    const { keyHash: _hash, ...rest } = item;
    expect(summary).toEqual(rest);
  });
});
