import { notFound } from 'next/navigation';
import { defaultAnalyzerView } from '@/components/experiments/default-analyzer';
import { ExperimentDetailClient } from '@/components/experiments/experiment-detail-client';
import { hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';
import { experimentKeySchema } from '@/lib/experiments/experiment';
import { getExperimentPage } from '@/lib/experiments/get-experiment-page';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Params) {
  const { key } = await params;
  return { title: `Experiment ${experimentKeySchema.safeParse(key).success ? key : ''}`.trim() };
}

export default async function ExperimentPage({ params }: Params) {
  // An experiment page belongs to the Experiments section and needs its permission.
  const user = await requireSection('/experiments');
  const { key } = await params;
  if (!experimentKeySchema.safeParse(key).success) notFound();
  const page = await getExperimentPage(key);
  if (!page) notFound();
  // The first paint has the definition and the default analyzer; the client reads the results and keeps both current.
  return (
    <ExperimentDetailClient
      initialExperiment={page.experiment}
      canWrite={hasPermission(user.role, 'experiments:write')}
      defaultAnalyzer={defaultAnalyzerView(page.defaultAnalyzerSetting, page.configuredAnalyzer)}
    />
  );
}
