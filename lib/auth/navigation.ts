import { hasPermission, type Permission, type Role } from './permissions';

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

/** Dashboard sections; proxy.ts guards the same paths with the same permissions. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Overview', permission: 'overview:read' },
  { href: '/customers', label: 'Customers', permission: 'customers:read' },
  { href: '/analysis', label: 'Analysis', permission: 'analysis:read' },
  { href: '/experiments', label: 'Experiments', permission: 'experiments:read' },
  { href: '/live', label: 'Live', permission: 'live:read' },
  { href: '/privacy', label: 'Privacy', permission: 'privacy:read' },
  { href: '/imports', label: 'Imports', permission: 'imports:write' },
  { href: '/settings', label: 'Settings', permission: 'settings:read' },
];

export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => hasPermission(role, item.permission));
}

/** The permission a dashboard path needs (the longest matching section), or undefined for open paths. */
export function permissionForPath(pathname: string): Permission | undefined {
  const match = NAV_ITEMS.filter(
    (i) => i.href !== '/' && (pathname === i.href || pathname.startsWith(`${i.href}/`)),
  );
  if (match.length) return match.sort((a, b) => b.href.length - a.href.length)[0]?.permission;
  return pathname === '/' ? 'overview:read' : undefined;
}
