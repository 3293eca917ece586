import { forbidden, redirect } from 'next/navigation';
import { getSessionUser, type SessionUser } from './get-session-user';
import { permissionForPath } from './navigation';
import { hasPermission } from './permissions';

/** Server pages call this first: signed out → sign-in; a role without the section's permission → 403 page. */
export async function requireSection(path: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  const permission = permissionForPath(path);
  if (!permission || !hasPermission(user.role, permission)) forbidden();
  return user;
}
