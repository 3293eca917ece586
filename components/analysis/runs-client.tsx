'use client';
import { useStoreUnits } from '@/components/shell/store-units';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { queryKeys } from '@/lib/client/query-keys';
import { useAnalysisRun, useAnalysisRuns, useStartRun, type RunsPage } from '@/lib/client/use-analysis-runs';
import { ModelParametersList } from './model-parameters';
import { readModelParameters, startedLabel } from './run-format';
import { RunProgress } from './run-progress';
import { RunsTable } from './runs-table';

/**
 * The Analysis page: start a batch run, watch the current one live (its progress is read every second while it
 * runs), the runs before it, and the models the latest completed run fitted.
 */
export function RunsClient({ initialRuns, canRun }: { initialRuns: RunsPage; canRun: boolean }) {
  // The store's zone (STORE_TIMEZONE): run times are shown in it.
  const { timeZone } = useStoreUnits();
  const client = useQueryClient();
  const runs = useAnalysisRuns(initialRuns);
  const start = useStartRun();
  const list = useMemo(() => runs.data?.runs ?? [], [runs.data]);
  const currentId = start.data?.runId ?? list[0]?.runId ?? null;
  const current = useAnalysisRun(currentId);
  const run = current.data ?? list.find((r) => r.runId === currentId);

  // When the watched run ends, the list and every customer's insight have changed.
  // A refusal to start ("one is still going") is no longer true then either.
  const status = run?.status;
  const previous = useRef(status);
  const { reset: resetStart, isError: startFailed } = start;
  useEffect(() => {
    if (previous.current === 'running' && status && status !== 'running') {
      void client.invalidateQueries({ queryKey: queryKeys.analysisRuns(), exact: true });
      void client.invalidateQueries({ queryKey: queryKeys.customers() });
      if (startFailed) resetStart();
    }
    previous.current = status;
  }, [status, client, startFailed, resetStart]);

  const fitted = useMemo(() => {
    const latest = list.find((r) => r.status === 'completed' && readModelParameters(r.model));
    return latest ? { run: latest, model: readModelParameters(latest.model) } : undefined;
  }, [list]);

  return (
    <>
      <section className="card" aria-labelledby="current-run-heading">
        <header className="card-header">
          <h2 id="current-run-heading">{status === 'running' ? 'Current run' : 'Latest run'}</h2>
          {canRun ? (
            <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
              {start.isPending ? 'Starting…' : 'Run analysis now'}
            </button>
          ) : null}
        </header>
        {start.error ? (
          <p className="error" role="alert" data-testid="start-run-error">
            Could not start a run: {start.error.message}
          </p>
        ) : null}
        {current.error ? (
          <p className="error" role="alert">
            Could not read the run: {current.error.message}
          </p>
        ) : null}
        {run ? (
          <RunProgress run={run} />
        ) : (
          <p className="muted" data-testid="no-runs">
            No analysis has run yet. The worker starts one on first start and every night.
          </p>
        )}
      </section>
      {fitted?.model ? (
        <section className="card" aria-labelledby="model-heading">
          <header className="card-header">
            <h2 id="model-heading">Fitted models</h2>
            <span className="muted">from the run of {startedLabel(fitted.run.startedAt, timeZone)}</span>
          </header>
          <ModelParametersList model={fitted.model} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="runs-heading">
        <header className="card-header">
          <h2 id="runs-heading">Past runs</h2>
          <span className="muted">newest first · times in {timeZone}</span>
        </header>
        {runs.error ? (
          <p className="error" role="alert">
            Could not load the runs: {runs.error.message}
          </p>
        ) : null}
        {list.length ? <RunsTable runs={list} /> : <p className="muted">None yet.</p>}
      </section>
    </>
  );
}
