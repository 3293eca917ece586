'use client';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  formatMonth,
  monthTicks,
  timelineDomain,
  type OrderTimelinePoint,
} from '@/lib/customers/to-orders-timeline';
import { minorDigits, formatMoney } from '@/lib/money/currency';
import { moneyTick } from '@/lib/overview/to-chart-rows';

function OrderTooltip({
  active,
  payload,
  currency,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
  currency: string;
}) {
  const point = payload?.[0]?.payload as OrderTimelinePoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <div>{point.date}</div>
      <div>
        <strong>{formatMoney(Math.round(point.value * 10 ** minorDigits(currency)), currency)}</strong> ·{' '}
        {point.items.toLocaleString('en')} {point.items === 1 ? 'item' : 'items'}
      </div>
      <div className="muted">{point.orderId}</div>
    </div>
  );
}

/** One dot per order: when the customer bought (x, months in the store's zone) and for how much (y, its currency). */
export function ChartCustomerOrders({
  points,
  currency,
  timeZone,
  animate = true,
}: {
  points: OrderTimelinePoint[];
  currency: string;
  timeZone: string;
  animate?: boolean;
}) {
  const domain = timelineDomain(points);
  return (
    <div
      className="chart chart-small"
      data-testid="customer-orders-chart"
      role="img"
      aria-label={`Order value in ${currency} for ${points.length} orders over time`}
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
            ticks={monthTicks(domain, timeZone)}
            tickFormatter={(t: number) => formatMonth(t, timeZone)}
            tick={{ fontSize: 12 }}
          />
          <YAxis
            type="number"
            dataKey="value"
            name="Order value"
            tick={{ fontSize: 12 }}
            tickFormatter={(v: number) => moneyTick(v, currency)}
            label={{ value: `${currency} per order`, angle: -90, position: 'insideLeft', fontSize: 12 }}
          />
          <Tooltip
            content={(props) => <OrderTooltip {...props} currency={currency} />}
            cursor={{ strokeDasharray: '3 3' }}
          />
          <Scatter data={points} name="Orders" fill="#6366f1" isAnimationActive={animate} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
