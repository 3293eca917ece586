'use client';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  formatMonth,
  monthTicks,
  timelineDomain,
  type OrderTimelinePoint,
} from '@/lib/customers/to-orders-timeline';

function euros(v: number): string {
  return `€${v.toLocaleString('en', { maximumFractionDigits: 2, minimumFractionDigits: v % 1 ? 2 : 0 })}`;
}

function OrderTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}) {
  const point = payload?.[0]?.payload as OrderTimelinePoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <div>{point.date}</div>
      <div>
        <strong>{euros(point.valueEur)}</strong> · {point.items.toLocaleString('en')}{' '}
        {point.items === 1 ? 'item' : 'items'}
      </div>
      <div className="muted">{point.orderId}</div>
    </div>
  );
}

/** One dot per order: when the customer bought (x, a date axis) and for how much (y, €). */
export function ChartCustomerOrders({
  points,
  animate = true,
}: {
  points: OrderTimelinePoint[];
  animate?: boolean;
}) {
  const domain = timelineDomain(points);
  return (
    <div
      className="chart chart-small"
      data-testid="customer-orders-chart"
      role="img"
      aria-label={`Order value in euros for ${points.length} orders over time`}
    >
      <ResponsiveContainer width="100%" height={280}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis
            type="number"
            dataKey="t"
            name="Date"
            scale="time"
            domain={domain}
            ticks={monthTicks(domain)}
            tickFormatter={formatMonth}
            tick={{ fontSize: 12 }}
          />
          <YAxis
            type="number"
            dataKey="valueEur"
            name="Order value"
            tick={{ fontSize: 12 }}
            tickFormatter={(v: number) => `€${v.toLocaleString('en')}`}
            label={{ value: '€ per order', angle: -90, position: 'insideLeft', fontSize: 12 }}
          />
          <Tooltip content={OrderTooltip} cursor={{ strokeDasharray: '3 3' }} />
          <Scatter data={points} name="Orders" fill="#6366f1" isAnimationActive={animate} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
