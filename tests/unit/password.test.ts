import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';

// scrypt at N=2^17 takes ~0.3 s per call: hash twice up front and keep the verifications few.
const PASSWORD = 'correct horse battery staple';
let first = '';
let second = '';

beforeAll(async () => {
  [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
}, 20_000);

/** `stored` with its base64url segment at `index` decoded, changed by `change` and encoded again. */
function withSegment(stored: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = stored.split('$');
  parts[index] = change(Buffer.from(parts[index] ?? '', 'base64url')).toString('base64url');
  return parts.join('$');
}

const flipFirstBit = (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy[0] = (copy[0] ?? 0) ^ 1;
  return copy;
};

describe('password hashing', () => {
  it('stores scrypt parameters, a 16-byte salt and a 64-byte key', () => {
    expect(first).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    const [, , , , salt, key] = first.split('$');
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(64);
  });

  it('salts each hash, so one password never hashes the same twice', () => {
    expect(second).not.toBe(first);
  });

  it('accepts the password for both of its hashes', async () => {
    await expect(
      Promise.all([verifyPassword(PASSWORD, first), verifyPassword(PASSWORD, second)]),
    ).resolves.toEqual([true, true]);
  });

  it('refuses a wrong password', async () => {
    await expect(verifyPassword('correct horse battery stapler', first)).resolves.toBe(false);
  });

  it('refuses the right password against a tampered hash', async () => {
    await expect(verifyPassword(PASSWORD, withSegment(first, 5, flipFirstBit))).resolves.toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', 'bcrypt$131072$8$1$c2FsdA$a2V5'],
    ['missing the key', 'scrypt$131072$8$1$c2FsdA'],
    ['a plain-text password', PASSWORD],
  ])('refuses a malformed stored hash (%s) without throwing', async (_label, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false);
  });

  it.each([
    ['an empty key, which would compare equal to an empty key', () => first.replace(/\$[^$]+$/, '$!!!!')],
    ['a cost that is not a number', () => first.replace('$131072$', '$abc$')],
    ['a cost that is not a power of two', () => first.replace('$131072$', '$131071$')],
    ['a cost large enough to exhaust memory', () => first.replace('$131072$8$', '$1073741824$8$')],
  ])('refuses a tampered hash with %s', async (_label, stored) => {
    await expect(verifyPassword(PASSWORD, stored())).resolves.toBe(false);
  });
});
