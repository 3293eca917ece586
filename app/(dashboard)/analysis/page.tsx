import { BacktestPanel } from '@/components/analysis/backtest-panel';
import { RunsClient } from '@/components/analysis/runs-client';
import { listRuns, runView } from '@/lib/analysis/runs/run';
import { hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';

export const metadata = { title: 'Analysis' };
export const dynamic = 'force-dynamic';

export default async function AnalysisPage() {
  const user = await requireSection('/analysis');
  // The first paint has the runs; the client keeps them current.
  const page = await listRuns(20);
  const canRun = hasPermission(user.role, 'analysis:run');
  return (
    <>
      <h1>Analysis</h1>
      <p className="muted">
        Batch runs fit the population models (BG/NBD for how often customers buy and whether they are still
        active, Gamma-Gamma for how much) and then analyse every customer who allows personalization.
      </p>
      <RunsClient
        initialRuns={{ runs: page.runs.map(runView), nextCursor: page.nextCursor }}
        canRun={canRun}
      />
      <BacktestPanel canRun={canRun} />
    </>
  );
}
