/**
 * The one error type services throw when a request cannot be carried out as asked. Services know nothing of HTTP:
 * lib/http/errors.ts alone maps each kind to a status and an application/problem+json body.
 */
export type DomainErrorKind =
  | 'invalid' // the input is malformed or out of range (400)
  | 'forbidden' // the caller may not do this to this resource (403)
  | 'not_found' // the resource does not exist (404)
  | 'conflict' // the resource changed or is in a state that forbids this (409)
  | 'too_large' // the input exceeds a size limit (413)
  | 'unprocessable' // well-formed, but impossible in the current state (422)
  | 'busy' // the service is saturated; try again after `retryAfterSeconds` (429)
  | 'unavailable'; // a dependency is down; try again later (503)

export interface FieldProblem {
  path: string;
  message: string;
}

export interface DomainErrorOptions {
  /** Field-level problems, for `invalid`. */
  errors?: FieldProblem[];
  /** For `busy` and `unavailable`: when a retry makes sense. */
  retryAfterSeconds?: number;
  /** Extra members a client can act on (RFC 9457 extensions), e.g. the current revision on a conflict. */
  extensions?: Record<string, string>;
  /**
   * The problem's one-line summary when it is not the kind's usual one. Only for answers the API has always given
   * with another title (some 400s say "Bad request" rather than "Invalid request"), so clients see no change.
   */
  title?: string;
  cause?: unknown;
}

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    /** A sentence safe to show the caller: what was wrong and, where it helps, what to do. */
    message: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export const invalid = (message: string, errors?: FieldProblem[]) =>
  new DomainError('invalid', message, errors ? { errors } : {});
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, extensions?: Record<string, string>) =>
  new DomainError('conflict', message, extensions ? { extensions } : {});
export const unprocessable = (message: string) => new DomainError('unprocessable', message);
export const busy = (message: string, retryAfterSeconds: number) =>
  new DomainError('busy', message, { retryAfterSeconds });
export const unavailable = (message: string, retryAfterSeconds?: number) =>
  new DomainError('unavailable', message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
