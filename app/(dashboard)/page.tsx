import { requireSection } from '@/lib/auth/require-section';
import { OverviewClient } from '@/components/overview/overview-client';
import { getOverview } from '@/lib/overview/get-overview';

export const metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

const WEEKS = 104;

export default async function OverviewPage() {
  await requireSection('/');
  // Server prefetch for the first paint; the client component keeps it fresh through the API.
  const initial = await getOverview(WEEKS);
  return (
    <>
      <h1>Overview</h1>
      <OverviewClient weeks={WEEKS} initial={initial} />
    </>
  );
}
