'use client';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CumulativeRow } from '@/components/experiments/result-rows';

const PALETTE = ['#4f46e5', '#d97706', '#0891b2', '#db2777', '#65a30d'];
const pctLabel = (v: number) => `${v > 0 ? '+' : ''}${v} %`;
const pctTick = (v: number) => `${v > 0 ? '+' : ''}${v}%`;
// Whiskers on each day's estimate while there are few days: a band needs two days to show.
const WHISKERS_UP_TO = 14;

/**
 * The relative effect against control as it accumulated, day by day, one line per variant with its interval as a
 * band. The band narrowing around a line that stays off 0 is what a real effect looks like; early swings are why the
 * intervals are the always-valid kind.
 */
export function ChartCumulativeEffect({
  rows,
  variants,
  summary,
  ticks,
  animate = true,
}: {
  rows: readonly CumulativeRow[];
  variants: readonly string[];
  summary: string;
  /** The y axis (percent), scaled to the recent intervals (result-rows.ts cumulativeTicks); earlier ones are cut. */
  ticks?: readonly number[] | null;
  animate?: boolean;
}) {
  return (
    <div className="chart" data-testid="cumulative-chart" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={[...rows]} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis
            {...(ticks && ticks.length > 1
              ? { domain: [ticks[0]!, ticks.at(-1)!], ticks: [...ticks], allowDataOverflow: true }
              : {})}
            tickFormatter={pctTick}
            tick={{ fontSize: 12 }}
            width={64}
            label={{
              value: 'effect vs control (%)',
              angle: -90,
              position: 'insideLeft',
              fontSize: 12,
              dy: 60,
            }}
          />
          <ReferenceLine y={0} stroke="#94a3b8" strokeDasharray="5 4" />
          <Tooltip
            formatter={(value, name) =>
              Array.isArray(value)
                ? [`${pctLabel(Number(value[0]))} to ${pctLabel(Number(value[1]))}`, name]
                : [pctLabel(Number(value)), name]
            }
          />
          <Legend />
          {variants.map((v, i) => (
            <Area
              key={`${v}-band`}
              type="monotone"
              dataKey={(r: CumulativeRow) => r.ranges[v] ?? null}
              name={`${v} interval`}
              stroke="none"
              fill={PALETTE[i % PALETTE.length]}
              fillOpacity={0.15}
              legendType="none"
              isAnimationActive={animate}
            />
          ))}
          {variants.map((v, i) => (
            <Line
              key={v}
              type="monotone"
              dataKey={(r: CumulativeRow) => r.values[v] ?? null}
              name={v}
              stroke={PALETTE[i % PALETTE.length]}
              strokeWidth={2}
              dot={rows.length < 30}
              isAnimationActive={animate}
            >
              {rows.length <= WHISKERS_UP_TO ? (
                <ErrorBar
                  dataKey={(r: CumulativeRow) => r.errors[v] ?? [0, 0]}
                  direction="y"
                  width={6}
                  stroke={PALETTE[i % PALETTE.length]}
                />
              ) : null}
            </Line>
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
