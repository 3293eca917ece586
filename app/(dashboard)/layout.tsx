import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { NavLinks } from '@/components/shell/nav-links';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { navigationFor } from '@/lib/auth/navigation';
import { StoreUnitsProvider } from '@/components/shell/store-units';
import { storeUnits } from '@/lib/overview/store-units';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  const items = navigationFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Customer Pulse</div>
        <NavLinks items={items} />
        <div className="user" data-testid="current-user">
          <div>{user.name}</div>
          <div className="muted">
            {user.email} · <span data-testid="current-role">{user.role}</span>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <main className="content">
        <StoreUnitsProvider value={storeUnits()}>{children}</StoreUnitsProvider>
      </main>
    </div>
  );
}
