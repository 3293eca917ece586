import { randomUUID } from 'node:crypto';
import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/next-auth-options';
import { ApiError, problemResponse } from '@/lib/http/errors';

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const MAX_FORM_BYTES = 16 * 1024;

const nextAuth: Handler = (request, context) => (NextAuth(getAuthOptions()) as Handler)(request, context);

/**
 * next-auth reads its POSTs as forms and answers anything else with a 500; refuse other bodies here with a 4xx
 * instead, and cap the size, before next-auth sees the request.
 */
const post: Handler = async (request, context) => {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    const error = new ApiError(
      415,
      'Unsupported media type',
      'Sign-in requests are forms (application/x-www-form-urlencoded).',
    );
    return problemResponse(error, randomUUID());
  }
  if (Number(request.headers.get('content-length') ?? '0') > MAX_FORM_BYTES) {
    return problemResponse(
      new ApiError(413, 'Payload too large', `The form exceeds ${MAX_FORM_BYTES} bytes.`),
      randomUUID(),
    );
  }
  return nextAuth(request, context);
};

export { nextAuth as GET, post as POST };
