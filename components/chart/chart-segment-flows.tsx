import type { SegmentFlowRow } from '@/components/customers/segment-rows';

/** The largest moves between segments as a ranked list with proportional bars ("At Risk → Lost: 42 customers"). */
export function ChartSegmentFlows({ rows, flowDays }: { rows: SegmentFlowRow[]; flowDays: number }) {
  if (rows.length === 0) {
    return (
      <p className="muted" data-testid="segment-flows-empty">
        No segment changes in the last {flowDays} days.
      </p>
    );
  }
  return (
    <ol className="flows" data-testid="segment-flows">
      {rows.map((r) => (
        <li key={r.key} data-testid="segment-flow">
          <div className="flow-text">{r.label}</div>
          <div className="flow-bar" aria-hidden="true">
            <span style={{ width: `${r.widthPct}%` }} />
          </div>
        </li>
      ))}
    </ol>
  );
}
