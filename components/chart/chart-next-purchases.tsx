'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
  type YAxisTickContentProps,
} from 'recharts';
import {
  dayTick,
  nextPurchaseAxis,
  relativeDay,
  type NextPurchaseRow,
} from '@/components/customers/next-purchase-rows';

const ROW_HEIGHT = 34;
const BAR = '#a5b4fc';
const DOT = '#4338ca';
const OVERDUE_BAR = '#fecaca';
const OVERDUE_DOT = '#b91c1c';
const STOPPED_TEXT = '#94a3b8';

/** The interval as a bar and the most likely day as a dot inside it. */
function IntervalShape(props: BarShapeProps) {
  const row = props.payload as NextPurchaseRow | undefined;
  const { x, y, width, height } = props;
  if (!row) return <g />;
  // Probably stopped buying it: no window to draw (the note beside it says so).
  if (row.stopped) return <g data-testid="next-purchase-bar" data-stopped="true" />;
  const span = row.highDays - row.lowDays;
  const dotX = span > 0 ? x + (width * (row.dueDays - row.lowDays)) / span : x + width / 2;
  const cy = y + height / 2;
  return (
    <g data-testid="next-purchase-bar" data-overdue={row.overdue}>
      <rect
        x={x}
        y={y}
        width={Math.max(2, width)}
        height={height}
        rx={4}
        fill={row.overdue ? OVERDUE_BAR : BAR}
      />
      <circle
        cx={dotX}
        cy={cy}
        r={5}
        fill={row.overdue ? OVERDUE_DOT : DOT}
        stroke="#fff"
        strokeWidth={1.5}
      />
    </g>
  );
}

/** The category on the y axis, red and marked when it is overdue. */
function CategoryTick({ x, y, payload, rows }: YAxisTickContentProps & { rows: readonly NextPurchaseRow[] }) {
  const value = String(payload.value);
  const row = rows.find((r) => r.label === value);
  return (
    <text
      x={x}
      y={y}
      dy={4}
      textAnchor="end"
      fontSize={12}
      fill={row?.overdue ? OVERDUE_DOT : row?.stopped ? STOPPED_TEXT : '#334155'}
      fontWeight={row?.overdue ? 600 : 400}
      fontStyle={row?.stopped ? 'italic' : 'normal'}
    >
      {row?.overdue ? `⚠ ${value}` : value}
    </text>
  );
}

function NextPurchaseTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const row = payload?.[0]?.payload as NextPurchaseRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div>
        <strong>{row.label}</strong>
        {row.overdue ? <span className="error"> · due now</span> : null}
        {row.stopped ? <span className="muted"> · probably stopped buying it</span> : null}
      </div>
      {row.stopped ? null : (
        <>
          <div>Most likely {relativeDay(row.dueDays)}</div>
          <div>
            {row.coveragePct}% interval: {relativeDay(row.lowDays)} to {relativeDay(row.highDays)}
          </div>
          {row.withinPct !== undefined && row.horizonDays !== undefined ? (
            <div>
              {row.withinPct}% likely to buy it within {row.horizonDays} days
            </div>
          ) : null}
        </>
      )}
      <div className="muted">Last bought {relativeDay(-row.daysSinceLast)}</div>
    </div>
  );
}

/**
 * One row per regularly bought category: when the customer will most likely buy it next (dot) and the interval
 * (bar), in days from today, with today marked. Overdue categories are red and say so.
 */
export function ChartNextPurchases({ rows, animate = true }: { rows: NextPurchaseRow[]; animate?: boolean }) {
  const { domain, ticks } = nextPurchaseAxis(rows);
  const overdue = rows.filter((r) => r.overdue).length;
  // A fixed height per category, so labels never squeeze and the chart does not jump between insights.
  const height = rows.length * ROW_HEIGHT + 56;
  return (
    <div
      className="chart chart-auto"
      data-testid="next-purchases-chart"
      role="img"
      aria-label={`Next purchase of ${rows.length} categories in days from today, ${overdue} overdue: ${rows
        .map((r) => `${r.label} ${r.note}`)
        .join('; ')}`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout="vertical" margin={{ top: 18, right: 230, bottom: 18, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis
            type="number"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            tickFormatter={dayTick}
            tick={{ fontSize: 12 }}
            label={{ value: 'days from today', position: 'insideBottom', offset: -12, fontSize: 12 }}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={150}
            interval={0}
            tick={(props: YAxisTickContentProps) => <CategoryTick {...props} rows={rows} />}
          />
          <Tooltip content={NextPurchaseTooltip} cursor={{ fill: '#f1f5f9' }} />
          <ReferenceLine
            x={0}
            stroke="#0f172a"
            strokeDasharray="4 3"
            label={{ value: 'today', position: 'top', fontSize: 12, fill: '#0f172a' }}
          />
          <Bar
            dataKey="range"
            name="Next purchase"
            barSize={14}
            shape={IntervalShape}
            isAnimationActive={animate}
          >
            <LabelList dataKey="note" position="right" fontSize={12} fill="#475569" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
