'use client';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMoney } from '@/lib/money/currency';
import { moneyTick, type WeeklyChartRow } from '@/lib/overview/to-chart-rows';

/** Orders and active customers per week (bars, left axis) with revenue in the store's currency (line, right axis). */
export function ChartWeeklyBusiness({
  rows,
  currency,
  ticks,
  animate = true,
}: {
  rows: WeeklyChartRow[];
  currency: string;
  /** The weeks the axis labels and their labels (with years); by default the rows' own labels, thinned to fit. */
  ticks?: { week: string; label: string }[];
  animate?: boolean;
}) {
  const revenueName = `Revenue (${currency})`;
  const tickLabel = new Map(ticks?.map((t) => [t.week, t.label]));
  return (
    <div
      className="chart"
      data-testid="weekly-business-chart"
      role="img"
      aria-label="Orders, active customers and revenue per week"
    >
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          {ticks ? (
            <XAxis
              dataKey="week"
              ticks={ticks.map((t) => t.week)}
              interval={0}
              tickFormatter={(week: string) => tickLabel.get(week) ?? ''}
              tick={{ fontSize: 12 }}
            />
          ) : (
            <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
          )}
          <YAxis
            yAxisId="count"
            tick={{ fontSize: 12 }}
            label={{ value: 'per week', angle: -90, position: 'insideLeft', fontSize: 12 }}
          />
          <YAxis
            yAxisId="revenue"
            orientation="right"
            tick={{ fontSize: 12 }}
            tickFormatter={(v: number) => moneyTick(v, currency)}
          />
          <Tooltip
            formatter={(value, name, item) =>
              name === revenueName
                ? [
                    formatMoney((item.payload as WeeklyChartRow).revenueMinor, currency, 'en', {
                      whole: true,
                    }),
                    name,
                  ]
                : [Number(value).toLocaleString('en'), name]
            }
            labelFormatter={(_label, payload) => `Week of ${payload?.[0]?.payload?.week ?? ''}`}
          />
          <Legend />
          <Bar yAxisId="count" dataKey="orders" name="Orders" fill="#6366f1" isAnimationActive={animate} />
          <Bar
            yAxisId="count"
            dataKey="activeCustomers"
            name="Active customers"
            fill="#a5b4fc"
            isAnimationActive={animate}
          />
          <Line
            yAxisId="revenue"
            type="monotone"
            dataKey="revenue"
            name={revenueName}
            stroke="#059669"
            strokeWidth={2}
            dot={false}
            isAnimationActive={animate}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
