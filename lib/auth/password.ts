import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

// OWASP's scrypt minimum (N=2^17, r=8, p=1) with a 64-byte key; maxmem must cover 128·N·r bytes.
const PARAMS = { N: 2 ** 17, r: 8, p: 1, keylen: 64 };
const STORED = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([\w-]{22,})\$([\w-]{86})$/;

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keylen } = PARAMS;
  const key = await scrypt(password, salt, keylen, { N, r, p, maxmem: 256 * N * r });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * False for a wrong password and for any stored value that is not a well-formed hash within sane cost bounds:
 * a damaged record must neither let everyone in (an empty key compares equal to an empty key) nor let a
 * crafted N or r exhaust memory, nor throw into a 500.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const [, n, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  const powerOfTwo = N >= 2 ** 14 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  // scrypt holds 128·N·r bytes per call: at most 256 MiB, twice what our own parameters use.
  const memory = 128 * N * R;
  if (!powerOfTwo || R < 1 || R > 32 || P < 1 || P > 16 || memory > 256 * 2 ** 20) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length !== PARAMS.keylen) return false;
  try {
    const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
      N,
      r: R,
      p: P,
      maxmem: 256 * N * R,
    });
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
