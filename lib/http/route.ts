import { randomUUID } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { authenticateApiKey } from '../auth/api-keys/authenticate-api-key';
import type { SessionUser } from '../auth/get-session-user';
import { hasPermission, type Permission, type Scope } from '../auth/permissions';
import { readSessionUser } from '../auth/read-session-user';
import { invalidInput } from '../errors/invalid-input';
import { ApiError, forbidden, problemResponse, toApiError, unauthorized } from './errors';
import { readJsonBody } from './read-json-body';

export type Actor =
  | ({ kind: 'user' } & SessionUser)
  | { kind: 'api_key'; keyId: string; name: string; scopes: readonly Scope[] };

/** Who may call: 'public', or a dashboard permission and/or a storefront scope (either suffices). */
export type RouteAuth = 'public' | { permission?: Permission; scope?: Scope };

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  auth: RouteAuth;
  params?: P;
  query?: Q;
  body?: B;
  maxBodyBytes?: number;
}

export interface RouteContext<P, Q, B, A> {
  params: P;
  query: Q;
  body: B;
  actor: A;
  requestId: string;
  request: NextRequest;
}

type Out<S, Fallback> = S extends z.ZodType ? z.infer<S> : Fallback;
type ActorFor<A extends RouteAuth> = A extends 'public' ? Actor | undefined : Actor;

const EMPTY = z.object({}).strict();

function presentedApiKey(request: NextRequest): string | undefined {
  const header = request.headers.get('x-api-key');
  if (header) return header.trim();
  const authorization = request.headers.get('authorization');
  return authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
}

async function authenticate(request: NextRequest, auth: RouteAuth): Promise<Actor | undefined> {
  const key = presentedApiKey(request);
  if (key !== undefined) {
    const item = await authenticateApiKey(key);
    if (!item) throw unauthorized('The API key is unknown or revoked.');
    const actor: Actor = { kind: 'api_key', keyId: item.keyId, name: item.name, scopes: item.scopes };
    if (auth === 'public') return actor;
    if (!auth.scope) throw forbidden('This endpoint is for dashboard users; API keys cannot call it.');
    if (!item.scopes.includes(auth.scope)) throw forbidden(`The API key lacks the scope ${auth.scope}.`);
    return actor;
  }
  const user = await readSessionUser(request);
  if (auth === 'public') return user && { kind: 'user', ...user };
  if (!user) {
    throw unauthorized(
      auth.scope
        ? `Send an API key with the scope ${auth.scope}, or sign in.`
        : 'Sign in to use this endpoint.',
    );
  }
  if (!auth.permission) throw forbidden('This endpoint is for storefront API keys.');
  if (!hasPermission(user.role, auth.permission)) {
    throw forbidden(`The role ${user.role} may not do this (needs ${auth.permission}).`);
  }
  return { kind: 'user', ...user };
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = values.length > 1 ? values : (values[0] ?? '');
  }
  return out;
}

function parsePart(schema: z.ZodType, value: unknown, part: string): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, part);
  return result.data;
}

/** For the methods a route does not serve: 405 problem+json with Allow, instead of Next's empty 405. */
export function methodNotAllowed(allowed: string[]) {
  return async (request: NextRequest) => {
    const error = new ApiError(
      405,
      'Method not allowed',
      `${request.method} is not supported on ${new URL(request.url).pathname}; use ${allowed.join(' or ')}.`,
      undefined,
      { allow: allowed.join(', ') },
    );
    return problemResponse(error, randomUUID());
  };
}

export function json(
  data: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return Response.json(data, init);
}

/**
 * The one wrapper every route handler goes through: request id, auth (session or API key + scope), zod parsing of
 * params, query and body (unknown fields rejected by strict schemas), and errors as application/problem+json.
 * The handler returns a Response, or data that is sent as JSON with status 200.
 */
export function route<
  A extends RouteAuth,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  spec: { auth: A; params?: P; query?: Q; body?: B; maxBodyBytes?: number },
  handler: (
    ctx: RouteContext<Out<P, object>, Out<Q, object>, Out<B, undefined>, ActorFor<A>>,
  ) => Promise<unknown>,
) {
  return async (request: NextRequest, context?: { params?: Promise<Record<string, string | string[]>> }) => {
    const incoming = request.headers.get('x-request-id');
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    try {
      const actor = await authenticate(request, spec.auth);
      const params = parsePart(
        spec.params ?? z.record(z.string(), z.unknown()),
        (await context?.params) ?? {},
        'params',
      );
      const query = parsePart(spec.query ?? EMPTY, queryObject(new URL(request.url)), 'query');
      const body = spec.body
        ? parsePart(spec.body, await readJsonBody(request, spec.maxBodyBytes), 'body')
        : undefined;
      const result = await handler({
        params,
        query,
        body,
        actor,
        requestId,
        request,
      } as RouteContext<Out<P, object>, Out<Q, object>, Out<B, undefined>, ActorFor<A>>);
      const response = result instanceof Response ? result : json(result);
      response.headers.set('x-request-id', requestId);
      return response;
    } catch (error) {
      return problemResponse(toApiError(error, requestId), requestId);
    }
  };
}
