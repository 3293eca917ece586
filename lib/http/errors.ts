import { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/** An error meant for the API caller: its status, title and detail are safe to show. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Extension members (RFC 9457) added to the problem body. */
    readonly extensions?: Record<string, string>,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ApiError(400, 'Bad request', detail, errors);
export const unauthorized = (detail: string) => new ApiError(401, 'Unauthorized', detail);
export const forbidden = (detail: string) => new ApiError(403, 'Forbidden', detail);
export const notFound = (detail: string) => new ApiError(404, 'Not found', detail);
export const conflict = (detail: string) => new ApiError(409, 'Conflict', detail);
export const unprocessable = (detail: string) => new ApiError(422, 'Unprocessable request', detail);

const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

function fieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    }
    return { path: path || prefix, message: issue.message };
  });
}

/** A zod failure on one part of the request (`body`, `query`, `params`) as a 400. */
export function invalidInput(error: z.ZodError, part: string): ApiError {
  const errors = fieldErrors(error, part);
  const first = errors[0];
  const detail = first ? `${first.path}: ${first.message}` : `The ${part} is invalid.`;
  return new ApiError(
    400,
    'Invalid request',
    errors.length > 1 ? `${detail} (and ${errors.length - 1} more)` : detail,
    errors,
  );
}

/**
 * Maps anything thrown to a problem; unknown errors become a 500 that names only the request id. Request input is
 * turned into 400s by the route wrapper before the handler runs, so a ZodError arriving here failed on data read
 * back from storage: our fault, a logged 500, never a 400 blaming the caller.
 */
export function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'ConditionalCheckFailedException') {
    return conflict('The resource changed or already exists; reload it and try again.');
  }
  if (THROTTLED.has(name)) {
    return new ApiError(429, 'Too many requests', 'The data store is busy; retry shortly.', undefined, {
      'Retry-After': '1',
    });
  }
  console.error(`[request ${requestId}]`, error);
  return new ApiError(500, 'Internal error', `Something went wrong on our side. Reference: ${requestId}.`);
}

export function problemResponse(error: ApiError, requestId: string): Response {
  const slug = error.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const body = {
    type: `urn:customer-pulse:problem:${slug}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(error.errors?.length ? { errors: error.errors } : {}),
    ...error.extensions,
    requestId,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId, ...error.headers },
  });
}
