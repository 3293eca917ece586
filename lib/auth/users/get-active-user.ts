import { getUser } from './put-user';
import type { PublicUser } from './user';

// A session carries who signed in; what they may do is read from the users table, so a demoted or disabled user
// loses access within this long on every process, not when their 8-hour session ends.
const FRESH_MS = 30_000;
const cache = new Map<string, { user: PublicUser | undefined; at: number }>();

/** The user as stored now (role included), or undefined when deleted or disabled. Cached briefly per process. */
export async function getActiveUser(email: string): Promise<PublicUser | undefined> {
  const hit = cache.get(email);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.user;
  const stored = await getUser(email);
  const user =
    stored && !stored.disabled ? { email: stored.email, name: stored.name, role: stored.role } : undefined;
  cache.set(email, { user, at: Date.now() });
  return user;
}

export function forgetActiveUsers(): void {
  cache.clear();
}
