import { verifyPassword } from '../password';
import { recordSignInResult } from '../sign-in-throttle';
import { getUser } from './put-user';
import type { PublicUser } from './user';

// Verifying against a fixed hash when the user is unknown keeps response times alike, so timing tells no emails.
const DUMMY_HASH =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

// Each verification holds 128 MiB and a libuv thread for ~0.3 s; two at a time leaves threads for I/O and DNS.
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export async function verifyCredentials(email: string, password: string): Promise<PublicUser | undefined> {
  const user = await getUser(email);
  const ok = await withSlot(() => verifyPassword(password, user?.passwordHash ?? DUMMY_HASH));
  const accepted = Boolean(user && ok && !user.disabled);
  recordSignInResult(email, accepted);
  return accepted && user ? { email: user.email, name: user.name, role: user.role } : undefined;
}
