'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { customersLabel, type SegmentDistributionRow } from '@/components/customers/segment-rows';

const ROW_HEIGHT = 30;

/** Customers per segment as horizontal bars, best segments on top, each labelled with its count and share. */
export function ChartSegmentDistribution({
  rows,
  animate = true,
}: {
  rows: SegmentDistributionRow[];
  animate?: boolean;
}) {
  // A fixed height per segment, so every label has room and the chart does not jump when counts change.
  const height = rows.length * ROW_HEIGHT + 48;
  return (
    <div
      className="chart chart-auto"
      data-testid="segment-distribution-chart"
      role="img"
      aria-label="Customers per RFM segment, with each segment's share of scored customers"
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 150, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            tick={{ fontSize: 12 }}
            label={{ value: 'customers', position: 'insideBottom', offset: -12, fontSize: 12 }}
          />
          <YAxis type="category" dataKey="segment" width={140} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => [customersLabel(Number(value)), 'Customers']} />
          <Bar dataKey="customers" name="Customers" fill="#818cf8" barSize={18} isAnimationActive={animate}>
            <LabelList dataKey="label" position="right" fontSize={12} fill="#475569" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
