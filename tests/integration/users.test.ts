import { describe, expect, it } from 'vitest';
import { ensureDemoUsers } from '@/lib/auth/users/ensure-demo-users';
import { putUser } from '@/lib/auth/users/put-user';
import { verifyCredentials } from '@/lib/auth/users/verify-credentials';
import { useTestStack } from './support/test-stack';

describe('dashboard users', () => {
  useTestStack();

  it('signs in a created user by email in any case, and refuses a wrong password', async () => {
    await putUser({
      email: 'Olga.Officer@Example.com',
      name: 'Olga',
      role: 'privacy',
      password: 'a long passphrase 1',
    });
    await expect(verifyCredentials('olga.officer@example.com', 'a long passphrase 1')).resolves.toEqual({
      email: 'olga.officer@example.com',
      name: 'Olga',
      role: 'privacy',
    });
    await expect(
      verifyCredentials('olga.officer@example.com', 'a long passphrase 2'),
    ).resolves.toBeUndefined();
    await expect(verifyCredentials('nobody@example.com', 'a long passphrase 1')).resolves.toBeUndefined();
  });

  it('refuses to create the same email twice unless asked to replace', async () => {
    const user = {
      email: 'twice@example.com',
      name: 'T',
      role: 'marketing' as const,
      password: 'first password 1',
    };
    await putUser(user);
    await expect(putUser({ ...user, password: 'second password 2' })).rejects.toMatchObject({
      name: 'DomainError',
      kind: 'conflict',
    });
    await putUser({ ...user, role: 'admin', password: 'second password 2', replace: true });
    await expect(verifyCredentials(user.email, 'second password 2')).resolves.toMatchObject({
      role: 'admin',
    });
  });

  it('keeps the demo users in step with DEMO_PASSWORD when it changes', async () => {
    await expect(verifyCredentials('admin@example.com', 'integration-pass')).resolves.toMatchObject({
      role: 'admin',
    });
    await ensureDemoUsers('a new demo password');
    await expect(verifyCredentials('admin@example.com', 'integration-pass')).resolves.toBeUndefined();
    await expect(verifyCredentials('marketing@example.com', 'a new demo password')).resolves.toMatchObject({
      role: 'marketing',
    });
  });
});
