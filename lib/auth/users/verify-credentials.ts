import { verifyPassword } from '../password';
import { getUser } from './put-user';
import type { PublicUser } from './user';

// Verifying against a fixed hash when the user is unknown keeps response times alike, so timing tells no emails.
const DUMMY_HASH =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function verifyCredentials(email: string, password: string): Promise<PublicUser | undefined> {
  const user = await getUser(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) return undefined;
  return { email: user.email, name: user.name, role: user.role };
}
