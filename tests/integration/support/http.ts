import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import type { Role } from '@/lib/auth/permissions';
import { TEST_AUTH_SECRET } from './test-stack';

/** A session cookie as next-auth sets it at sign-in; by default for the demo user of this role. */
export async function sessionCookie(role: Role, email = `${role}@example.com`): Promise<string> {
  const token = await encode({
    token: { email, name: role, role },
    secret: TEST_AUTH_SECRET,
  });
  return `next-auth.session-token=${token}`;
}

export function request(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | ReadableStream<Uint8Array>;
  } = {},
): NextRequest {
  return new NextRequest(new URL(url, 'http://localhost:3000'), {
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
}

export const params = <T extends Record<string, string | string[]>>(value: T) => ({
  params: Promise.resolve(value),
});

export async function problem(response: Response) {
  expectProblem(response);
  return (await response.json()) as {
    title: string;
    status: number;
    detail: string;
    errors?: { path: string; message: string }[];
  };
}

function expectProblem(response: Response): void {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${type} (status ${response.status})`);
  }
}
