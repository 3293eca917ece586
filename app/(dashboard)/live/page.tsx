import { requireSection } from '@/lib/auth/require-section';
import { SectionPending } from '@/components/shell/section-pending';

export const metadata = { title: 'Live' };

export default async function LivePage() {
  await requireSection('/live');
  return (
    <SectionPending title="Live">
      The live feed of storefront events, active shoppers and alerts will appear here once storefront events
      flow into the stream. The worker is running: see <a href="/api/health">/api/health</a>.
    </SectionPending>
  );
}
