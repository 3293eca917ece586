'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendPoint } from '@/lib/privacy/consent/consent-trend';

const LINES = [
  { key: 'analytics', name: 'Analytics', color: '#6366f1' },
  { key: 'personalization', name: 'Personalization', color: '#10b981' },
  { key: 'ai_processing', name: 'AI processing', color: '#f59e0b' },
  { key: 'marketing', name: 'Marketing', color: '#ef4444' },
] as const;

/** Opt-in rate per purpose, week by week (% of customers who had made a choice by then). */
export function ChartConsentTrend({ trend, animate = true }: { trend: TrendPoint[]; animate?: boolean }) {
  const rows = trend.map((p) => ({
    week: p.week,
    customers: p.customers,
    ...Object.fromEntries(LINES.map((l) => [l.key, Math.round(p.share[l.key] * 1000) / 10])),
  }));
  return (
    <div
      className="chart"
      data-testid="consent-trend-chart"
      role="img"
      aria-label="Opt-in rate per purpose per week"
    >
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="week" minTickGap={32} tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(value, name) => [`${Number(value).toFixed(1)} %`, name]}
            labelFormatter={(_label, payload) =>
              `Week of ${payload?.[0]?.payload?.week ?? ''} · ${Number(payload?.[0]?.payload?.customers ?? 0).toLocaleString('en')} customers`
            }
          />
          <Legend />
          {LINES.map((l) => (
            <Line
              key={l.key}
              type="monotone"
              dataKey={l.key}
              name={l.name}
              stroke={l.color}
              dot={false}
              strokeWidth={2}
              isAnimationActive={animate}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
