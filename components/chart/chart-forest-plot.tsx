'use client';
import {
  CartesianGrid,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  type ScatterShapeProps,
} from 'recharts';
import { niceTicks, type ForestRow, type Verdict } from '@/components/experiments/result-rows';

const COLOR: Record<Verdict, string> = { better: '#15803d', worse: '#b91c1c', unclear: '#4f46e5' };
const ROW_HEIGHT = 34;

function ForestPoint(props: ScatterShapeProps) {
  const row = props.payload as ForestRow | undefined;
  if (!row || props.cx === undefined || props.cy === undefined) return <g />;
  return (
    <rect
      data-testid="forest-point"
      data-row={row.id}
      data-verdict={row.verdict}
      x={props.cx - 5}
      y={props.cy - 5}
      width={10}
      height={10}
      fill={COLOR[row.verdict]}
      stroke="#fff"
    />
  );
}

function ForestTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const row = payload?.[0]?.payload as ForestRow | undefined;
  if (!active || !row) return null;
  return <div className="chart-tooltip">{row.text}</div>;
}

/**
 * Forest plot: each non-control variant's relative effect on each metric (percent of control) with its interval.
 * An interval that crosses the dashed 0 line is compatible with no effect; green and red mark significantly better
 * and worse in the metric's own direction (a lower cost is better).
 */
export function ChartForestPlot({ rows, animate = true }: { rows: readonly ForestRow[]; animate?: boolean }) {
  const height = 70 + rows.length * ROW_HEIGHT;
  const labels = new Map(rows.map((r) => [r.y, r.label]));
  const ticks = niceTicks(Math.min(...rows.map((r) => r.lower)), Math.max(...rows.map((r) => r.upper)));
  return (
    <div
      className="chart chart-auto"
      data-testid="forest-plot"
      role="img"
      aria-label={`Relative effect against control with intervals: ${rows.map((r) => r.text).join('; ')}`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ScatterChart margin={{ top: 8, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis
            type="number"
            dataKey="estimate"
            domain={[ticks[0] ?? 0, ticks.at(-1) ?? 0]}
            ticks={ticks}
            tickFormatter={(v: number) => `${v > 0 ? '+' : ''}${v} %`}
            tick={{ fontSize: 12 }}
            label={{
              value: 'relative effect vs control (%)',
              position: 'insideBottom',
              offset: -16,
              fontSize: 12,
            }}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={[-0.5, rows.length - 0.5]}
            ticks={rows.map((r) => r.y)}
            tickFormatter={(v: number) => labels.get(v) ?? ''}
            reversed
            width={210}
            tick={{ fontSize: 12 }}
          />
          <ReferenceLine x={0} stroke="#94a3b8" strokeDasharray="5 4" />
          <Tooltip content={(props) => <ForestTooltip {...props} />} cursor={false} />
          <Scatter data={[...rows]} shape={ForestPoint} isAnimationActive={animate} fill="#4f46e5">
            <ErrorBar dataKey="errorX" direction="x" width={8} stroke="#334155" strokeWidth={1.5} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
      <ul className="chart-legend">
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="10" height="10" x="1" y="1" fill={COLOR.better} />
          </svg>
          significantly better
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="10" height="10" x="1" y="1" fill={COLOR.worse} />
          </svg>
          significantly worse
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="10" height="10" x="1" y="1" fill={COLOR.unclear} />
          </svg>
          not significant yet
        </li>
        <li className="chart-legend-note">bars: interval (valid at every look)</li>
      </ul>
    </div>
  );
}
