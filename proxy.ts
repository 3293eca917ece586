import { NextResponse, type NextRequest } from 'next/server';
import { readSessionUser } from './lib/auth/read-session-user';

/**
 * Guards the dashboard pages: no session → sign-in, keeping the address to return to. Each section page then checks
 * the role (requireSection), so a role without the permission gets the 403 page with a real 403 status.
 */
export async function proxy(request: NextRequest) {
  const user = await readSessionUser(request);
  const { pathname, search } = request.nextUrl;
  if (!user) {
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  return NextResponse.next();
}

export const config = {
  // API routes authenticate in their own wrapper (they answer problem+json, not redirects).
  matcher: ['/((?!api/|_next/|sign-in|favicon.ico|.*\\.(?:svg|png|ico|txt)$).*)'],
};
