/** The one roles × permissions matrix. Pages, API routes and navigation all ask it. */
export const ROLES = ['admin', 'marketing', 'privacy'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'overview:read',
  'customers:read',
  'customers:read_pii',
  'analysis:read',
  'analysis:run',
  'experiments:read',
  'experiments:write',
  'live:read',
  'alerts:write',
  'privacy:read',
  'privacy:write',
  'settings:read',
  'api_keys:manage',
  /** Upload order-history files, preview, dry-run and run imports, read the import history (admin). */
  'imports:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  marketing: [
    'overview:read',
    'customers:read',
    'analysis:read',
    'analysis:run',
    'experiments:read',
    'experiments:write',
    'live:read',
    'alerts:write',
  ],
  privacy: ['overview:read', 'customers:read', 'customers:read_pii', 'privacy:read', 'privacy:write'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const canManageApiKeys = (role: Role) => hasPermission(role, 'api_keys:manage');
export const canSeeCustomerPii = (role: Role) => hasPermission(role, 'customers:read_pii');

/** Storefront API key scopes. */
export const SCOPES = [
  'events:write',
  'orders:write',
  'consent:read',
  'consent:write',
  'insights:read',
  /** Analyse a customer now: may call a paid language model and writes, so not part of reading. */
  'insights:analyze',
  'experiments:assign',
  /** Order-history imports over the API (POST /api/v1/imports and its reads): writes orders in bulk. */
  'imports:write',
] as const;
export type Scope = (typeof SCOPES)[number];
