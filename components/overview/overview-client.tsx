'use client';
import Link from 'next/link';
import { useMemo } from 'react';
import { ChartWeeklyBusiness } from '@/components/chart/chart-weekly-business';
import { useOverview } from '@/lib/client/use-overview';
import type { Overview } from '@/lib/overview/get-overview';
import { formatMoney } from '@/lib/money/currency';
import { toWeeklyChartRows } from '@/lib/overview/to-chart-rows';
import { moneyStat } from './overview-stats';
import { weekTicks } from './week-axis';

function Stat({
  label,
  value,
  hint,
  title,
  exact,
}: {
  label: string;
  value: string;
  hint?: string;
  /** On hover over the value: the exact amount. */
  title?: string;
  /** A line under the value with the exact amount, when the value is rounded. */
  exact?: string;
}) {
  const id = `stat-${label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <div className="stat" data-testid={id}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" title={title}>
        {value}
      </div>
      {exact ? (
        <div className="stat-hint" data-testid={`${id}-exact`}>
          {exact}
        </div>
      ) : null}
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </div>
  );
}

export function OverviewClient({
  weeks,
  initial,
  canImport = false,
}: {
  weeks: number;
  initial: Overview;
  /** The viewer may import order files (the empty state links to the Imports page). */
  canImport?: boolean;
}) {
  const { data, error, isFetching } = useOverview(weeks, initial);
  const overview = data ?? initial;
  // The running week is partial; drawn beside full weeks it would look like a collapse, so it is left out.
  const fullWeeks = useMemo(() => overview.weeks.slice(0, -1), [overview.weeks]);
  const currency = overview.currency;
  const rows = useMemo(() => toWeeklyChartRows(fullWeeks, currency), [fullWeeks, currency]);
  const money = (minor: number) => formatMoney(minor, currency, 'en', { whole: true });
  const last4 = fullWeeks.slice(-4);
  const recentOrders = last4.reduce((s, w) => s + w.orders, 0);
  const recentRevenue = last4.reduce((s, w) => s + w.revenueMinor, 0);
  const totals = overview.totals;
  const revenue = moneyStat(totals?.revenueMinor ?? 0, currency);
  const ticks = useMemo(() => weekTicks(rows), [rows]);
  const animate = process.env.NODE_ENV !== 'test';

  if (!totals) {
    return (
      <div className="empty" role="status" data-testid="overview-empty">
        <p>
          <strong>No business data yet.</strong> Start with your shop&apos;s order history:{' '}
          {canImport ? (
            <>
              upload it on the <Link href="/imports">Imports</Link> page, or run
            </>
          ) : (
            'an admin uploads it on the Imports page, or runs'
          )}{' '}
          <code>npm run import -- --orders orders.csv</code> on the server, with the store&apos;s{' '}
          <code>STORE_CURRENCY</code> and <code>STORE_TIMEZONE</code> set (formats and columns:{' '}
          <code>docs/import.md</code>).
        </p>
        <p>
          New orders then arrive through the API (<code>POST /api/v1/orders</code>). For a demo shop instead,{' '}
          <code>npm run seed</code> generates one.
        </p>
      </div>
    );
  }
  return (
    <>
      <div className="stats">
        <Stat label="Customers" value={totals.customers.toLocaleString('en')} hint="all time" />
        <Stat label="Orders" value={totals.orders.toLocaleString('en')} hint="all time" />
        <Stat
          label="Revenue"
          value={revenue.value}
          title={revenue.exact}
          exact={revenue.exactLine}
          hint={`all time, ${currency}`}
        />
        <Stat
          label="Orders last 4 weeks"
          value={recentOrders.toLocaleString('en')}
          hint={`${money(recentRevenue)} revenue, full weeks only`}
        />
      </div>
      <section className="card">
        <header className="card-header">
          <h2>Customers, orders and revenue per week</h2>
          <span className="muted">
            last {fullWeeks.length} full weeks · weeks start Monday ({overview.timeZone}) · the running week
            is not shown
            {isFetching ? ' · refreshing…' : ''}
          </span>
        </header>
        {error ? <p className="error">Could not refresh: {error.message}</p> : null}
        <ChartWeeklyBusiness rows={rows} currency={currency} ticks={ticks} animate={animate} />
      </section>
    </>
  );
}
