import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, navigationFor, permissionForPath } from '@/lib/auth/navigation';
import {
  canManageApiKeys,
  canSeeCustomerPii,
  hasPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  type Role,
  ROLES,
} from '@/lib/auth/permissions';

/**
 * The whole matrix, written out by hand: changing who may do what must change this table too.
 */
const MATRIX: Record<Role, Record<Permission, boolean>> = {
  admin: {
    'overview:read': true,
    'customers:read': true,
    'customers:read_pii': true,
    'analysis:read': true,
    'analysis:run': true,
    'experiments:read': true,
    'experiments:write': true,
    'live:read': true,
    'alerts:write': true,
    'privacy:read': true,
    'privacy:write': true,
    'settings:read': true,
    'api_keys:manage': true,
    'imports:write': true,
  },
  marketing: {
    'overview:read': true,
    'customers:read': true,
    'customers:read_pii': false,
    'analysis:read': true,
    'analysis:run': true,
    'experiments:read': true,
    'experiments:write': true,
    'live:read': true,
    'alerts:write': true,
    'privacy:read': false,
    'privacy:write': false,
    'settings:read': false,
    'api_keys:manage': false,
    'imports:write': false,
  },
  privacy: {
    'overview:read': true,
    'customers:read': true,
    'customers:read_pii': true,
    'analysis:read': false,
    'analysis:run': false,
    'experiments:read': false,
    'experiments:write': false,
    'live:read': false,
    'alerts:write': false,
    'privacy:read': true,
    'privacy:write': true,
    'settings:read': false,
    'api_keys:manage': false,
    'imports:write': false,
  },
};

describe('roles × permissions', () => {
  it('covers exactly the roles and permissions the app defines', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      expect(Object.keys(MATRIX[role]).sort()).toEqual([...PERMISSIONS].sort());
    }
  });

  const cells = ROLES.flatMap((role) =>
    PERMISSIONS.map((permission) => [role, permission, MATRIX[role][permission]] as const),
  );

  it.each(cells)('%s has %s: %s', (role, permission, expected) => {
    expect(hasPermission(role, permission)).toBe(expected);
  });

  it('lets only admins manage API keys', () => {
    expect(canManageApiKeys('admin')).toBe(true);
    expect(canManageApiKeys('marketing')).toBe(false);
    expect(canManageApiKeys('privacy')).toBe(false);
  });

  it('shows customer PII to admins and privacy officers, not to marketing', () => {
    expect(canSeeCustomerPii('admin')).toBe(true);
    expect(canSeeCustomerPii('privacy')).toBe(true);
    expect(canSeeCustomerPii('marketing')).toBe(false);
  });

  it('recognises only the three roles', () => {
    expect(ROLES.every((role) => isRole(role))).toBe(true);
    expect(isRole('superuser')).toBe(false);
    expect(isRole('Admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe('navigation', () => {
  const labels = (role: Role) => navigationFor(role).map((item) => item.label);

  it('shows admins every section', () => {
    expect(labels('admin')).toEqual([
      'Overview',
      'Customers',
      'Analysis',
      'Experiments',
      'Live',
      'Privacy',
      'Imports',
      'Settings',
    ]);
  });

  it('shows marketing the overview, customers, analysis, experiments and live', () => {
    expect(labels('marketing')).toEqual(['Overview', 'Customers', 'Analysis', 'Experiments', 'Live']);
  });

  it('shows privacy officers the overview, customers and privacy', () => {
    expect(labels('privacy')).toEqual(['Overview', 'Customers', 'Privacy']);
  });

  it('guards every section with the permission its link needs', () => {
    for (const role of ROLES) {
      const visible = new Set(navigationFor(role).map((item) => item.href));
      for (const item of NAV_ITEMS) {
        const needed = permissionForPath(item.href);
        expect(needed).toBe(item.permission);
        expect(needed !== undefined && hasPermission(role, needed)).toBe(visible.has(item.href));
      }
    }
  });
});

describe('permissionForPath', () => {
  it.each([
    ['/', 'overview:read'],
    ['/settings', 'settings:read'],
    ['/settings/x', 'settings:read'],
    ['/customers', 'customers:read'],
    ['/customers/cus_1', 'customers:read'],
    ['/privacy/requests/req_1', 'privacy:read'],
  ])('%s needs %s', (pathname, permission) => {
    expect(permissionForPath(pathname)).toBe(permission);
  });

  it.each(['/sign-in', '/settingsx', '/customers-export'])('%s needs no permission', (pathname) => {
    expect(permissionForPath(pathname)).toBeUndefined();
  });
});
