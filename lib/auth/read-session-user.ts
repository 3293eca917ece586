import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { getConfig } from '../config';
import type { SessionUser } from './get-session-user';
import { authSecret } from './next-auth-options';
import { getActiveUser } from './users/get-active-user';

/**
 * The dashboard user whose session cookie this request carries (proxy.ts and the route wrapper share it), with the
 * role as stored now rather than as it was at sign-in.
 */
export async function readSessionUser(request: NextRequest): Promise<SessionUser | undefined> {
  const token = await getToken({
    req: request,
    secret: authSecret(),
    secureCookie: getConfig().publicUrl.startsWith('https://'),
  });
  return token?.email ? getActiveUser(token.email) : undefined;
}
