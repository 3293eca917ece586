import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { getConfig } from '../config';
import { authSecret } from './next-auth-options';
import { isRole } from './permissions';
import type { SessionUser } from './get-session-user';

/** The dashboard user whose session cookie this request carries (proxy.ts and the route wrapper share it). */
export async function readSessionUser(request: NextRequest): Promise<SessionUser | undefined> {
  const token = await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: getConfig().publicUrl.startsWith('https://'),
  });
  if (!token?.email || !isRole(token.role)) return undefined;
  return { email: token.email, name: token.name ?? token.email, role: token.role };
}
