'use client';
import {
  CartesianGrid,
  LabelList,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
  type ScatterShapeProps,
} from 'recharts';
import {
  calibrationSummary,
  type CalibrationRow,
  type CalibrationSeries,
  type CalibrationSeriesKey,
} from '@/components/analysis/backtest-rows';

const COLOR: Record<CalibrationSeriesKey, string> = { repeat: '#4f46e5', alive: '#d97706' };
const DIAGONAL = '#94a3b8';
// Where each series writes its customer counts, so the two do not print over each other where dots meet.
const COUNT_POSITION: Record<CalibrationSeriesKey, 'top' | 'right'> = { repeat: 'top', alive: 'right' };
const TICKS = [0, 20, 40, 60, 80, 100];
const pctTick = (v: number) => `${v}%`;

/** A dot whose area grows with the bin's customers; tagged with its series so a test can count them. */
function CalibrationPoint(props: ScatterShapeProps) {
  const row = props.payload as CalibrationRow | undefined;
  if (!row || props.cx === undefined || props.cy === undefined) return <g />;
  const r = Math.max(3, Math.sqrt(props.size / Math.PI));
  return (
    <circle
      data-testid="calibration-point"
      data-series={row.series}
      cx={props.cx}
      cy={props.cy}
      r={r}
      fill={COLOR[row.series]}
      fillOpacity={0.75}
      stroke="#fff"
      strokeWidth={1}
    />
  );
}

/** The series, the diagonal and how to read a dot: drawn by us, as the diagonal is no recharts series. */
function CalibrationLegend({ series }: { series: readonly CalibrationSeries[] }) {
  return (
    <ul className="chart-legend" data-testid="calibration-legend">
      {series.map((s) => (
        <li key={s.key}>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="5" fill={COLOR[s.key]} />
          </svg>
          {s.label}
        </li>
      ))}
      <li>
        <svg width="22" height="12" aria-hidden="true">
          <line x1="0" y1="6" x2="22" y2="6" stroke={DIAGONAL} strokeWidth="1.5" strokeDasharray="5 4" />
        </svg>
        perfectly calibrated
      </li>
      <li className="chart-legend-note">dot size and number: customers</li>
    </ul>
  );
}

function CalibrationTooltip({
  active,
  payload,
  series,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  series: readonly CalibrationSeries[];
}) {
  const row = payload?.[0]?.payload as CalibrationRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div>
        <strong>{series.find((s) => s.key === row.series)?.label}</strong>
      </div>
      <div>
        Predicted {row.rangeLabel}: on average {row.predictedPct}%
      </div>
      <div>
        Observed {row.observedPct}% (95% interval {row.observedLowPct}–{row.observedHighPct}%)
      </div>
      <div>
        {row.customers.toLocaleString('en')} {row.customers === 1 ? 'customer' : 'customers'}
      </div>
    </div>
  );
}

/**
 * Calibration of a backtest: per bin of predictions, the mean predicted probability (x) against the share for
 * whom it came true (y), dots sized by customers. On the dashed diagonal the predictions are perfectly
 * calibrated; below it they promised too much, above it too little.
 */
export function ChartCalibration({
  series,
  animate = true,
}: {
  series: readonly CalibrationSeries[];
  animate?: boolean;
}) {
  const most = Math.max(1, ...series.flatMap((s) => s.rows.map((r) => r.customers)));
  return (
    <div className="chart" data-testid="calibration-chart" role="img" aria-label={calibrationSummary(series)}>
      <ResponsiveContainer width="100%" height={380}>
        <ScatterChart margin={{ top: 12, right: 36, bottom: 28, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis
            type="number"
            dataKey="predictedPct"
            name="Predicted"
            domain={[0, 100]}
            ticks={TICKS}
            tickFormatter={pctTick}
            tick={{ fontSize: 12 }}
            label={{ value: 'predicted probability', position: 'insideBottom', offset: -16, fontSize: 12 }}
          />
          <YAxis
            type="number"
            dataKey="observedPct"
            name="Observed"
            domain={[0, 100]}
            ticks={TICKS}
            tickFormatter={pctTick}
            tick={{ fontSize: 12 }}
            width={56}
            label={{ value: 'observed share', angle: -90, position: 'insideLeft', fontSize: 12, dy: 40 }}
          />
          {/* Area ∝ customers; the largest bin gets the largest dot whatever the base's size. */}
          <ZAxis type="number" dataKey="customers" domain={[0, most]} range={[30, 500]} name="Customers" />
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 100, y: 100 },
            ]}
            stroke={DIAGONAL}
            strokeDasharray="5 4"
            ifOverflow="visible"
          />
          <Tooltip
            content={(props) => <CalibrationTooltip {...props} series={series} />}
            cursor={{ strokeDasharray: '3 3' }}
          />
          <Legend verticalAlign="top" height={32} content={() => <CalibrationLegend series={series} />} />
          {series.map((s) => (
            <Scatter
              key={s.key}
              name={s.label}
              data={s.rows}
              fill={COLOR[s.key]}
              line={{ stroke: COLOR[s.key], strokeWidth: 1.5 }}
              shape={CalibrationPoint}
              isAnimationActive={animate}
            >
              <LabelList
                dataKey="customers"
                position={COUNT_POSITION[s.key]}
                offset={8}
                fontSize={10}
                fill={COLOR[s.key]}
              />
            </Scatter>
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
