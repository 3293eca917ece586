'use client';
import { useStoreUnits } from '@/components/shell/store-units';
import { useMemo, useState } from 'react';
import { ChartCumulativeEffect } from '@/components/chart/chart-cumulative-effect';
import { ChartForestPlot } from '@/components/chart/chart-forest-plot';
import type { ExperimentResultsResponse } from '@/lib/experiments/api-contract';
import type { Experiment } from '@/lib/experiments/experiment';
import { metricInfo, timeLabel } from './experiment-format';
import { MetricTables } from './metric-tables';
import {
  cumulativeSeries,
  cumulativeSummary,
  cumulativeTicks,
  forestRows,
  metricTables,
} from './result-rows';

/** The effects: forest plot over every metric and variant, a table per metric, and the cumulative chart. */
export function ExperimentResultsPanels({
  experiment,
  response,
}: {
  experiment: Experiment;
  response: ExperimentResultsResponse;
}) {
  const animate = process.env.NODE_ENV !== 'test';
  const { timeZone } = useStoreUnits();
  const custom = experiment.customMetrics;
  const tables = useMemo(() => metricTables(response.results, custom), [response.results, custom]);
  const forest = useMemo(() => forestRows(response.results, custom), [response.results, custom]);
  const charted = useMemo(
    () => [...new Set(response.cumulative.map((p) => p.metric))],
    [response.cumulative],
  );
  const [chosen, setChosen] = useState(experiment.primaryMetric);
  const metric = charted.includes(chosen) ? chosen : (charted[0] ?? experiment.primaryMetric);
  const series = useMemo(() => cumulativeSeries(response.cumulative, metric), [response.cumulative, metric]);
  const name = metricInfo(metric, custom).name;

  return (
    <>
      <section className="card" aria-labelledby="forest-heading">
        <header className="card-header">
          <h2 id="forest-heading">Effects against control</h2>
          <span className="muted">
            relative change, % of the control&apos;s mean · as of {timeLabel(response.asOf, timeZone)}
          </span>
        </header>
        {forest.rows.length ? (
          <ChartForestPlot rows={forest.rows} animate={animate} />
        ) : (
          <p className="muted" data-testid="forest-empty">
            No effect can be estimated yet: each variant needs at least two observations on a metric.
          </p>
        )}
        {forest.missing.length ? (
          <ul className="muted exp-missing">
            {forest.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="card" aria-labelledby="tables-heading" data-testid="results-tables">
        <header className="card-header">
          <h2 id="tables-heading">Results by metric</h2>
          <span className="muted">intervals shown under each estimate</span>
        </header>
        <MetricTables tables={tables} />
      </section>
      <section className="card" aria-labelledby="cumulative-heading">
        <header className="card-header">
          <h2 id="cumulative-heading">Cumulative effect over time</h2>
          {charted.length > 1 ? (
            <label className="inline-label">
              Metric
              <select value={metric} onChange={(e) => setChosen(e.target.value)}>
                {charted.map((m) => (
                  <option key={m} value={m}>
                    {metricInfo(m, custom).name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </header>
        {series.rows.length ? (
          <>
            <p className="muted">
              {name}: each variant&apos;s effect against control from everything observed up to the end of
              each day ({response.timeZone}), with its always-valid interval as a band. The axis fits the
              latest days; the first days&apos; wider bands run off its edge.
            </p>
            <ChartCumulativeEffect
              rows={series.rows}
              variants={series.variants}
              summary={cumulativeSummary(series, name)}
              ticks={cumulativeTicks(series)}
              animate={animate}
            />
          </>
        ) : (
          <p className="muted">No daily results yet.</p>
        )}
      </section>
    </>
  );
}
