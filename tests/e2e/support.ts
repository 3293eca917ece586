import path from 'node:path';
import type { Role } from '@/lib/auth/permissions';

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'pulse-demo-2026';
export const DEMO_API_KEY = process.env.DEMO_API_KEY ?? 'cp_demo_storefront_key_0123456789';

export const storageStateFor = (role: Role) => path.resolve('.test-data', 'auth', `${role}.json`);

export const NAV_BY_ROLE: Record<Role, string[]> = {
  admin: ['Overview', 'Customers', 'Analysis', 'Experiments', 'Live', 'Privacy', 'Imports', 'Settings'],
  marketing: ['Overview', 'Customers', 'Analysis', 'Experiments', 'Live'],
  privacy: ['Overview', 'Customers', 'Privacy'],
};
