import { verifyPassword } from '../password';
import type { Role } from '../permissions';
import { getUser, putUser } from './put-user';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@example.com', name: 'Ada Admin', role: 'admin' },
  { email: 'marketing@example.com', name: 'Mia Marketing', role: 'marketing' },
  { email: 'privacy@example.com', name: 'Pia Privacy', role: 'privacy' },
];

/** Embedded mode only: the three demo users exist and sign in with DEMO_PASSWORD (re-hashed if it changed). */
export async function ensureDemoUsers(password: string): Promise<void> {
  for (const demo of DEMO_USERS) {
    const existing = await getUser(demo.email);
    if (existing && existing.role === demo.role && (await verifyPassword(password, existing.passwordHash)))
      continue;
    await putUser({ ...demo, password, replace: true });
  }
}
