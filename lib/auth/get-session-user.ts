import { getServerSession } from 'next-auth';
import { getAuthOptions } from './next-auth-options';
import type { Role } from './permissions';
import { getActiveUser } from './users/get-active-user';

export interface SessionUser {
  email: string;
  name: string;
  role: Role;
}

/** The signed-in dashboard user of this request (server components), with the role as stored now. */
export async function getSessionUser(): Promise<SessionUser | undefined> {
  const session = await getServerSession(getAuthOptions());
  const email = session?.user?.email;
  return email ? getActiveUser(email) : undefined;
}
