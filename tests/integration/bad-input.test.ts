import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { recordSignInResult } from '@/lib/auth/sign-in-throttle';
import { POST as healthPost } from '@/app/api/health/route';
import { GET as unknownPath } from '@/app/api/v1/[...path]/route';
import { POST as createKey } from '@/app/api/v1/api-keys/route';
import { POST as revokeRoute } from '@/app/api/v1/api-keys/[keyId]/revoke/route';
import { GET as getCustomerRoute } from '@/app/api/v1/customers/[customerId]/route';
import { GET as overviewRoute } from '@/app/api/v1/overview/route';
import { params, problem, request, sessionCookie } from './support/http';
import { startTestStack, type TestStack } from './support/test-stack';

describe('bad input gets a problem+json 4xx saying what was wrong', () => {
  let stack: TestStack;
  let admin: string;
  beforeAll(async () => {
    stack = await startTestStack();
    admin = await sessionCookie('admin');
  });
  afterAll(async () => {
    await stack.close();
  });

  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    createKey(
      request('/api/v1/api-keys', {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/json', ...headers },
        body,
      }),
    );

  it('malformed JSON → 400', async () => {
    const response = await post('{"name": "x", ');
    expect(response.status).toBe(400);
    expect((await problem(response)).detail).toMatch(/^Malformed JSON/);
  });

  it('wrong types → 400 naming each field', async () => {
    const response = await post(JSON.stringify({ name: 42, scopes: ['events:write', 'root'] }));
    expect(response.status).toBe(400);
    const paths = (await problem(response)).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.scopes.1']));
  });

  it('unknown fields → 400', async () => {
    const response = await post(JSON.stringify({ name: 'shop', scopes: ['events:write'], admin: true }));
    expect(response.status).toBe(400);
    expect((await problem(response)).errors?.[0]?.message).toBe('unknown field: admin');
  });

  it('oversized bodies → 413, declared or streamed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(10_000), scopes: ['events:write'] });
    expect((await post(big)).status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await post(stream);
    expect(response.status).toBe(413);
    expect((await problem(response)).detail).toContain('4096 bytes');
  });

  it('a body that is not JSON → 415', async () => {
    const response = await post('name=shop', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
  });

  it('bad or unknown query parameters → 400', async () => {
    const bad = await overviewRoute(request('/api/v1/overview?weeks=lots', { headers: { cookie: admin } }));
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.path).toBe('query.weeks');
    const unknown = await overviewRoute(request('/api/v1/overview?week=3', { headers: { cookie: admin } }));
    expect(unknown.status).toBe(400);
  });

  it('bad path parameters → 400, missing resources → 404', async () => {
    const bad = await getCustomerRoute(
      request('/api/v1/customers/%3Cscript%3E', { headers: { cookie: admin } }),
      params({ customerId: '<script>' }),
    );
    expect(bad.status).toBe(400);
    const missing = await getCustomerRoute(
      request('/api/v1/customers/cus_404404', { headers: { cookie: admin } }),
      params({ customerId: 'cus_404404' }),
    );
    expect(missing.status).toBe(404);
    const revokeMissing = await revokeRoute(
      request('/api/v1/api-keys/key_deadbeef/revoke', { method: 'POST', headers: { cookie: admin } }),
      params({ keyId: 'key_deadbeef' }),
    );
    expect(revokeMissing.status).toBe(404);
  });

  it('unknown API paths → 404 problem, not an HTML page', async () => {
    const response = await unknownPath(request('/api/v1/nope'), params({ path: ['nope'] }));
    expect(response.status).toBe(404);
    expect((await problem(response)).detail).toContain('/api/v1/nope');
  });

  it('echoes a caller request id and makes one otherwise', async () => {
    const response = await overviewRoute(
      request('/api/v1/overview', { headers: { 'x-request-id': 'shop-req-1' } }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('shop-req-1');
  });

  it('a method a route does not serve → 405 problem naming the allowed ones', async () => {
    const response = await healthPost(request('/api/health', { method: 'POST' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect((await problem(response)).detail).toBe('POST is not supported on /api/health; use GET.');
  });

  it('sign-in requests that are not forms → 415, oversized ones → 413, before next-auth sees them', async () => {
    const context = params({ nextauth: ['callback', 'credentials'] });
    const json = await authPost(
      request('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{bad',
      }),
      context,
    );
    expect(json.status).toBe(415);
    await problem(json);
    const big = await authPost(
      request('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '100000' },
        body: 'email=a',
      }),
      context,
    );
    expect(big.status).toBe(413);
    const chunk = new TextEncoder().encode('email=' + 'a'.repeat(4096));
    let sent = 0;
    const chunked = await authPost(
      request('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 8) controller.enqueue(chunk);
            else controller.close();
          },
        }),
      }),
      context,
    );
    expect(chunked.status).toBe(413);
  });

  it('sign-in attempts for an email that failed too often → 429 with Retry-After, before any password check', async () => {
    for (let i = 0; i < 10; i++) recordSignInResult('guessed@example.com', false);
    const response = await authPost(
      request('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=guessed%40example.com&password=x&csrfToken=t',
      }),
      params({ nextauth: ['callback', 'credentials'] }),
    );
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
    const body = (await response.json()) as { detail: string; url: string };
    expect(body.detail).toMatch(/^Too many sign-in attempts; try again in \d+ s\.$/);
    expect(new URL(body.url).searchParams.get('error')).toBe('TooManyAttempts');
  });
});
