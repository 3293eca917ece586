import { getServerSession } from 'next-auth';
import { getAuthOptions } from './next-auth-options';
import { isRole, type Role } from './permissions';

export interface SessionUser {
  email: string;
  name: string;
  role: Role;
}

/** The signed-in dashboard user of this request, if any. */
export async function getSessionUser(): Promise<SessionUser | undefined> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.email || !isRole(user.role)) return undefined;
  return { email: user.email, name: user.name ?? user.email, role: user.role };
}
