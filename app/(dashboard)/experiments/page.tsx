import { requireSection } from '@/lib/auth/require-section';
import { SectionPending } from '@/components/shell/section-pending';

export const metadata = { title: 'Experiments' };

export default async function ExperimentsPage() {
  await requireSection('/experiments');
  return (
    <SectionPending title="Experiments">
      A/B tests of analysis models (Claude Haiku, Claude Sonnet, the statistical baseline) on accuracy, cost
      and latency will be run from here. No experiments exist yet.
    </SectionPending>
  );
}
