'use client';
import { useMemo } from 'react';
import { ChartSegmentDistribution } from '@/components/chart/chart-segment-distribution';
import { ChartSegmentFlows } from '@/components/chart/chart-segment-flows';
import {
  customersLabel,
  noSegmentsText,
  unscoredLabel,
  toSegmentDistributionRows,
  toSegmentFlowRows,
  TOP_FLOWS,
} from '@/components/customers/segment-rows';
import { useSegments } from '@/lib/client/use-segments';

const FLOW_DAYS = 30;

/** The Overview's segment view: how many customers sit in each RFM segment and where customers moved lately. */
export function SegmentsPanel() {
  const { data, error, isPending } = useSegments(FLOW_DAYS);
  const distribution = useMemo(() => (data ? toSegmentDistributionRows(data.distribution) : []), [data]);
  const flows = useMemo(() => (data ? toSegmentFlowRows(data.flows, TOP_FLOWS) : []), [data]);
  const animate = process.env.NODE_ENV !== 'test';
  // Nobody scored: a sentence saying why, not eleven empty bars on a 0–4 axis.
  const empty = data ? noSegmentsText(data) : undefined;

  return (
    <section className="card" data-testid="segments-panel">
      <header className="card-header">
        <h2>Customers per segment</h2>
        {data ? (
          <span className="muted" data-testid="segments-as-of">
            {customersLabel(data.distribution.scored)} scored · {unscoredLabel(data)} ·{' '}
            {data.edgesAsOf ? `segments as of ${data.edgesAsOf.slice(0, 10)}` : 'segments not computed yet'}
          </span>
        ) : null}
      </header>
      {error ? (
        <p className="error" role="alert">
          {error.status === 403
            ? 'Your role may not see customer segments.'
            : `Could not load segments: ${error.message}`}
        </p>
      ) : null}
      {isPending ? <p className="muted">Loading segments…</p> : null}
      {data ? (
        <div className="segments-grid">
          {empty ? (
            <p className="muted" role="status" data-testid="segments-empty">
              {empty}
            </p>
          ) : (
            <ChartSegmentDistribution rows={distribution} animate={animate} />
          )}
          <div>
            <h3 className="subheading">
              Segment changes, last {data.flowDays} days
              {flows.length ? <span className="muted"> · top {flows.length}</span> : null}
            </h3>
            <ChartSegmentFlows rows={flows} flowDays={data.flowDays} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
