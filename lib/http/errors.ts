import { DomainError, type DomainErrorKind, type FieldProblem } from '../errors/domain-error';

export type FieldError = FieldProblem;

/**
 * A problem as the API answers it: status, title and detail, all safe to show. Services throw DomainError
 * (lib/errors) and never this; it is what `toApiError` maps everything to, and what lib/http itself throws for the
 * wrapper's own refusals (credentials, permissions, unreadable bodies, bad cursors).
 */
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

// The wrapper's own refusals (credentials, permissions, unreadable bodies); routes and services throw DomainError.
// `conflict` is what a failed DynamoDB condition becomes in toApiError.
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ApiError(400, 'Bad request', detail, errors);
export const unauthorized = (detail: string) => new ApiError(401, 'Unauthorized', detail);
export const forbidden = (detail: string) => new ApiError(403, 'Forbidden', detail);
const conflict = (detail: string) => new ApiError(409, 'Conflict', detail);

const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

/** How each kind of domain error is answered; the detail is the error's message. */
const DOMAIN_PROBLEMS: Record<DomainErrorKind, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Invalid request' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  too_large: { status: 413, title: 'Payload too large' },
  unprocessable: { status: 422, title: 'Unprocessable request' },
  busy: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

/** A DomainError as the problem the caller sees: field errors and extensions carried, Retry-After when known. */
function fromDomainError(error: DomainError): ApiError {
  const { status, title } = DOMAIN_PROBLEMS[error.kind];
  const { errors, retryAfterSeconds, extensions } = error.options;
  return new ApiError(
    status,
    error.options.title ?? title,
    error.message,
    errors?.length ? errors : undefined,
    retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) },
    extensions,
  );
}

/**
 * Maps anything thrown to a problem, in this one place: a DomainError by its kind, a failed DynamoDB condition as a
 * 409, throttling as a 429; unknown errors become a 500 that names only the request id. Request input is
 * turned into 400s by the route wrapper before the handler runs, so a ZodError arriving here failed on data read
 * back from storage: our fault, a logged 500, never a 400 blaming the caller.
 */
export function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return fromDomainError(error);
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
