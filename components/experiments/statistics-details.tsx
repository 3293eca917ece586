'use client';
import { useId, useState } from 'react';
import type { ExperimentResultsResponse } from '@/lib/experiments/api-contract';
import type { Experiment } from '@/lib/experiments/experiment';
import { ExperimentResultsPanels } from './results-panels';

/**
 * The statistics behind the verdict, folded away by default: the engine's decision rule and reason (corrected
 * p-values), the sample-ratio check, the test used, then the effects (forest plot, tables with intervals, CUPED,
 * p-values, power; the cumulative chart). A button with aria-expanded opens it; the panels are drawn only when
 * open, so the charts size to the page.
 */
export function StatisticsDetails({
  experiment,
  response,
}: {
  experiment: Experiment;
  response: ExperimentResultsResponse;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const { results } = response;
  const srm = results.srm;
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="statistics-details">
      <header className="card-header">
        <h2 id={`${id}-heading`}>The statistics</h2>
        <button
          type="button"
          className="secondary"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide the statistics' : 'Show the statistics'}
        </button>
      </header>
      {open ? (
        <div id={`${id}-body`} data-testid="statistics-body">
          <p className="decision-reason" data-testid="decision-reason">
            <strong>The engine&apos;s reason:</strong> {results.decision.reason}
          </p>
          <p className="muted" data-testid="statistics-method">
            {results.method === 'sequential'
              ? 'Sequential test: its intervals and p-values stay valid however often the results are looked at, so a conclusive result may be acted on before the planned sample.'
              : 'Fixed-horizon test: read only once the planned sample is reached.'}{' '}
            p-values corrected over every variant and metric ({results.correction}), α = {results.alpha}.
            Sample ratio check: {srm.reason}
          </p>
          <ExperimentResultsPanels experiment={experiment} response={response} />
        </div>
      ) : (
        <p className="muted">
          p-values, intervals, CUPED, the sample-ratio check and the sequential test&apos;s details, per
          metric.
        </p>
      )}
    </section>
  );
}
