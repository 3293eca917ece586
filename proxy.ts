import { NextResponse, type NextRequest } from 'next/server';
import { hasPermission } from './lib/auth/permissions';
import { permissionForPath } from './lib/auth/navigation';
import { readSessionUser } from './lib/auth/read-session-user';

/** Guards the dashboard pages: no session → sign-in; a role without the section's permission → 403 page. */
export async function proxy(request: NextRequest) {
  const user = await readSessionUser(request);
  const { pathname, search } = request.nextUrl;
  if (!user) {
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const permission = permissionForPath(pathname);
  if (permission && !hasPermission(user.role, permission)) {
    return NextResponse.rewrite(new URL('/forbidden', request.url), { status: 403 });
  }
  return NextResponse.next();
}

export const config = {
  // API routes authenticate in their own wrapper (they answer problem+json, not redirects).
  matcher: ['/((?!api/|_next/|sign-in|forbidden|favicon.ico|.*\\.(?:svg|png|ico|txt)$).*)'],
};
