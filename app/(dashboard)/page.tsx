import { requireSection } from '@/lib/auth/require-section';
import { OverviewClient } from '@/components/overview/overview-client';
import { SegmentsPanel } from '@/components/overview/segments-panel';
import { hasPermission } from '@/lib/auth/permissions';
import { getOverview } from '@/lib/overview/get-overview';

export const metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

const WEEKS = 104;

export default async function OverviewPage() {
  const user = await requireSection('/');
  // Server prefetch for the first paint; the client component keeps it fresh through the API.
  const initial = await getOverview(WEEKS);
  return (
    <>
      <h1>Overview</h1>
      <OverviewClient weeks={WEEKS} initial={initial} canImport={hasPermission(user.role, 'imports:write')} />
      {/* Segments come from the customers API; a role without customers:read would only get a 403. */}
      {hasPermission(user.role, 'customers:read') ? <SegmentsPanel /> : null}
    </>
  );
}
