import Link from 'next/link';
import { ExperimentsClient } from '@/components/experiments/experiments-client';
import { parseStatusFilter } from '@/components/experiments/list-params';
import { hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';
import { listExperimentRows } from '@/lib/experiments/list-experiment-rows';

export const metadata = { title: 'Experiments' };
export const dynamic = 'force-dynamic';

export default async function ExperimentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSection('/experiments');
  const canWrite = hasPermission(user.role, 'experiments:write');
  // The filter is in the URL; the server renders its first view and the client keeps it current.
  const status = parseStatusFilter((await searchParams).status);
  const experiments = await listExperimentRows(status ? { status } : {});
  return (
    <>
      <div className="page-header">
        <h1>Experiments</h1>
        {canWrite ? (
          <Link href="/experiments/new" className="button-link">
            New experiment
          </Link>
        ) : null}
      </div>
      <p className="muted">
        A/B tests of the analysis models (the statistical baseline, Claude Haiku, Claude Sonnet, prompt
        versions) on accuracy, cost and latency, ramped up in steps behind guardrails.
      </p>
      <ExperimentsClient canWrite={canWrite} initial={{ status, data: { experiments } }} />
    </>
  );
}
