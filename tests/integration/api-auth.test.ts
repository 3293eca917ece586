import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as revokeRoute } from '@/app/api/v1/api-keys/[keyId]/revoke/route';
import { GET as listKeys, POST as createKey } from '@/app/api/v1/api-keys/route';
import { GET as getCustomerRoute } from '@/app/api/v1/customers/[customerId]/route';
import { forgetActiveUsers } from '@/lib/auth/users/get-active-user';
import { putUser } from '@/lib/auth/users/put-user';
import { putItem } from '@/lib/db/items';
import { params, problem, request, sessionCookie } from './support/http';
import { startTestStack, TEST_DEMO_KEY, type TestStack } from './support/test-stack';

const CUSTOMER = {
  customerId: 'cus_777777',
  firstName: 'Anna',
  lastName: 'Schmidt',
  email: 'anna.schmidt.777777@example.com',
  city: 'Köln',
  postcode: '50667',
  createdAt: '2025-01-06T09:00:00.000Z',
  orderCount: 3,
  totalSpentMinor: 4711,
};

async function newKey(scopes: string[]): Promise<string> {
  const response = await createKey(
    request('/api/v1/api-keys', {
      method: 'POST',
      headers: { cookie: await sessionCookie('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: `key with ${scopes.join(',')}`, scopes }),
    }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { key: string }).key;
}

const readCustomer = (headers: Record<string, string>) =>
  getCustomerRoute(
    request(`/api/v1/customers/${CUSTOMER.customerId}`, { headers }),
    params({ customerId: CUSTOMER.customerId }),
  );

describe('storefront API keys and dashboard sessions', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await putItem('customers', CUSTOMER);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers 401 without a key or session, and for an unknown key', async () => {
    const none = await readCustomer({});
    expect(none.status).toBe(401);
    expect((await problem(none)).detail).toContain('insights:read');
    const unknown = await readCustomer({ 'x-api-key': 'cp_live_not_a_real_key_000000000000' });
    expect(unknown.status).toBe(401);
  });

  it('answers 403 to a key without the scope and 200 to one with it', async () => {
    const writeOnly = await newKey(['events:write']);
    const denied = await readCustomer({ authorization: `Bearer ${writeOnly}` });
    expect(denied.status).toBe(403);
    expect((await problem(denied)).detail).toBe('The API key lacks the scope insights:read.');

    const reader = await newKey(['insights:read']);
    const ok = await readCustomer({ 'x-api-key': reader });
    expect(ok.status).toBe(200);
    const { customer } = (await ok.json()) as { customer: Record<string, unknown> };
    expect(customer).toMatchObject({ customerId: CUSTOMER.customerId, displayName: 'A. S.', masked: true });
    expect(customer).not.toHaveProperty('email');
  });

  it('accepts the embedded demo key, which has every scope', async () => {
    expect((await readCustomer({ 'x-api-key': TEST_DEMO_KEY })).status).toBe(200);
  });

  it('shows a new key once: the list holds its prefix and last use, never the key or its hash', async () => {
    const key = await newKey(['consent:read']);
    await readCustomer({ 'x-api-key': key }); // 403, but the key was still used
    const response = await listKeys(
      request('/api/v1/api-keys', { headers: { cookie: await sessionCookie('admin') } }),
    );
    const body = JSON.stringify(await response.json());
    expect(body).not.toContain(key);
    expect(body).not.toContain('keyHash');
    const listed = (JSON.parse(body) as { apiKeys: { prefix: string; lastUsedAt?: string }[] }).apiKeys.find(
      (k) => k.prefix === `${key.slice(0, 12)}…`,
    );
    expect(listed?.lastUsedAt).toBeDefined();
  });

  it('stops accepting a key as soon as it is revoked', async () => {
    const key = await newKey(['insights:read']);
    const listed = (await (
      await listKeys(request('/api/v1/api-keys', { headers: { cookie: await sessionCookie('admin') } }))
    ).json()) as { apiKeys: { keyId: string; prefix: string }[] };
    const keyId = listed.apiKeys.find((k) => k.prefix === `${key.slice(0, 12)}…`)?.keyId ?? '';
    const revoked = await revokeRoute(
      request(`/api/v1/api-keys/${keyId}/revoke`, {
        method: 'POST',
        headers: { cookie: await sessionCookie('admin') },
      }),
      params({ keyId }),
    );
    expect(revoked.status).toBe(200);
    expect((await readCustomer({ 'x-api-key': key })).status).toBe(401);
  });

  it('lets only admins manage keys, and shows PII only to roles allowed to see it', async () => {
    const marketing = await sessionCookie('marketing');
    const create = await createKey(
      request('/api/v1/api-keys', {
        method: 'POST',
        headers: { cookie: marketing, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', scopes: ['events:write'] }),
      }),
    );
    expect(create.status).toBe(403);
    expect((await problem(create)).detail).toContain('api_keys:manage');

    const masked = (await (await readCustomer({ cookie: marketing })).json()) as {
      customer: { displayName: string };
    };
    expect(masked.customer.displayName).toBe('A. S.');
    const full = (await (await readCustomer({ cookie: await sessionCookie('privacy') })).json()) as {
      customer: { displayName: string; email: string };
    };
    expect(full.customer).toMatchObject({ displayName: 'Anna Schmidt', email: CUSTOMER.email });
  });

  it('refuses API keys on dashboard-only endpoints', async () => {
    const response = await listKeys(request('/api/v1/api-keys', { headers: { 'x-api-key': TEST_DEMO_KEY } }));
    expect(response.status).toBe(403);
  });

  it('takes what a session may do from the users table, not from the role written at sign-in', async () => {
    const list = async (cookie: string) =>
      (await listKeys(request('/api/v1/api-keys', { headers: { cookie } }))).status;
    // A session minted while the user was an admin (or a token claiming admin) gets only what the stored role allows.
    expect(await list(await sessionCookie('admin', 'marketing@example.com'))).toBe(403);

    await putUser({ email: 'lead@example.com', name: 'Lead', role: 'admin', password: 'lead password 12' });
    const session = await sessionCookie('admin', 'lead@example.com');
    expect(await list(session)).toBe(200);
    await putUser({
      email: 'lead@example.com',
      name: 'Lead',
      role: 'marketing',
      password: 'lead password 12',
      replace: true,
    });
    forgetActiveUsers(); // what 30 seconds do on a server
    expect(await list(session)).toBe(403);

    expect(await list(await sessionCookie('admin', 'deleted@example.com'))).toBe(401);
  });
});
