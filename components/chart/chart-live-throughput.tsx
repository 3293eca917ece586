'use client';
import { useMemo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { clockLabel, toChartData, typeColor, type ThroughputRow } from '@/components/live/throughput-rows';
import { useStoreUnits } from '@/components/shell/store-units';
import { zoneName } from '@/lib/time/clock-format';

/**
 * Events per second by type, stacked, over the last 15 minutes: per-minute averages, then the last two minutes second
 * by second. Steps, not curves: each value holds for its whole minute or second. Redrawn every second, so never
 * animated.
 */
export function ChartLiveThroughput({
  rows,
  types,
  height = 300,
}: {
  rows: readonly ThroughputRow[];
  types: readonly string[];
  height?: number;
}) {
  const { timeZone } = useStoreUnits();
  const data = useMemo(() => toChartData(rows), [rows]);
  // Shaded: the part counted second by second from the feed.
  const liveFrom = rows.find((r) => r.resolution === 'second')?.t;
  const end = rows.at(-1)?.t;
  return (
    <div
      className="chart chart-live"
      data-testid="live-throughput-chart"
      role="img"
      aria-label="Events per second by event type over the last 15 minutes"
      style={{ minHeight: height }}
    >
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => clockLabel(v, false, timeZone)}
            tick={{ fontSize: 12 }}
            minTickGap={40}
          />
          <YAxis
            tick={{ fontSize: 12 }}
            allowDecimals
            label={{ value: 'events/s', angle: -90, position: 'insideLeft', fontSize: 12 }}
          />
          <Tooltip
            labelFormatter={(v) =>
              `${clockLabel(Number(v), true, timeZone)} ${zoneName(Number(v), timeZone)}`
            }
            formatter={(value, name) => [
              value === null ? '–' : `${Number(value).toLocaleString('en')} events/s`,
              name,
            ]}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {liveFrom !== undefined && end !== undefined ? (
            <ReferenceArea
              x1={liveFrom}
              x2={end}
              fill="#eef2ff"
              fillOpacity={0.6}
              ifOverflow="visible"
              label={{ value: 'per second', position: 'insideTopRight', fontSize: 11, fill: '#64748b' }}
            />
          ) : null}
          {types.map((type) => (
            <Area
              key={type}
              type="stepAfter"
              dataKey={type}
              name={type}
              stackId="events"
              stroke={typeColor(type)}
              fill={typeColor(type)}
              fillOpacity={0.55}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
