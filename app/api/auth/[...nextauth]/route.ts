import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/next-auth-options';
import { recordSignInAttempt, signInBlockedFor } from '@/lib/auth/sign-in-throttle';
import { ApiError, problemResponse, toApiError } from '@/lib/http/errors';
import { readBodyText } from '@/lib/http/read-json-body';

type Handler = (
  request: NextRequest,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

const MAX_FORM_BYTES = 16 * 1024;

const nextAuth: Handler = (request, context) => (NextAuth(getAuthOptions()) as Handler)(request, context);

function clientAddress(request: NextRequest): string {
  return (
    request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ||
    request.headers.get('x-real-ip') ||
    'local'
  );
}

/**
 * next-auth reads its POSTs as forms and answers anything else with a 500: refuse other bodies with a 4xx, cap the
 * size while reading, and throttle sign-in attempts before next-auth (and scrypt) see them.
 */
const post: Handler = async (request, context) => {
  const requestId = randomUUID();
  try {
    const type = request.headers.get('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      throw new ApiError(
        415,
        'Unsupported media type',
        'Sign-in requests are forms (application/x-www-form-urlencoded).',
      );
    }
    const body = await readBodyText(request, MAX_FORM_BYTES);
    if (request.nextUrl.pathname.endsWith('/callback/credentials')) {
      const client = clientAddress(request);
      const wait = signInBlockedFor(new URLSearchParams(body).get('email') ?? '', client);
      if (wait !== undefined) {
        // `url` carries an error code the way next-auth's own answers do, so its client reports it to the form.
        const url = new URL(`/sign-in?error=TooManyAttempts&retryAfter=${wait}`, request.url).toString();
        throw new ApiError(
          429,
          'Too many requests',
          `Too many sign-in attempts; try again in ${wait} s.`,
          undefined,
          { 'Retry-After': String(wait) },
          { url },
        );
      }
      recordSignInAttempt(client);
    }
    return await nextAuth(
      new NextRequest(request.url, { method: 'POST', headers: request.headers, body }),
      context,
    );
  } catch (error) {
    return problemResponse(toApiError(error, requestId), requestId);
  }
};

export { nextAuth as GET, post as POST };
