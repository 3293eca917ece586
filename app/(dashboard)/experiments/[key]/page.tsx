import { notFound } from 'next/navigation';
import { defaultAnalyzerView } from '@/components/experiments/default-analyzer';
import { ExperimentDetailClient } from '@/components/experiments/experiment-detail-client';
import { PROMPT_VERSIONS } from '@/lib/analysis/analyzers/analyzer-config';
import { readDefaultAnalyzerSetting } from '@/lib/analysis/analyzers/default-analyzer-store';
import { hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';
import { getConfig } from '@/lib/config';
import { experimentKeySchema } from '@/lib/experiments/experiment';
import { getExperiment } from '@/lib/experiments/get-experiment';

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
  const [experiment, setting] = await Promise.all([getExperiment(key), readDefaultAnalyzerSetting()]);
  if (!experiment) notFound();
  const config = getConfig();
  // The first paint has the definition and the default analyzer; the client reads the results and keeps both current.
  return (
    <ExperimentDetailClient
      initialExperiment={experiment}
      canWrite={hasPermission(user.role, 'experiments:write')}
      defaultAnalyzer={defaultAnalyzerView(setting, {
        analyzer: config.ANALYZER,
        bedrockModel: config.BEDROCK_MODEL,
        promptVersion: PROMPT_VERSIONS[0],
      })}
    />
  );
}
