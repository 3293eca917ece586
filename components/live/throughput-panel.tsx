'use client';
import { useStoreUnits } from '@/components/shell/store-units';
import { memo, useEffect, useMemo, useState, type RefObject } from 'react';
import { ChartLiveThroughput } from '@/components/chart/chart-live-throughput';
import type { LiveMetrics } from '@/lib/client/use-live-metrics';
import {
  pruneSecondCounts,
  rateLabel,
  recentRate,
  toThroughputRows,
  type SecondCounts,
  type ThroughputRow,
} from './throughput-rows';

export interface CountsRef {
  url: string;
  seconds: SecondCounts;
}

interface View {
  rows: ThroughputRow[];
  types: string[];
  rate: number | null;
}

/**
 * Events per second by type over the last 15 minutes, redrawn every second, with the rates as numbers. The history
 * is the server's per-minute counts; the last two minutes are counted from the feed this page receives.
 */
export const ThroughputPanel = memo(function ThroughputPanel({
  metrics,
  error,
  counts,
  completeSince,
  types,
  liveTail,
}: {
  metrics: LiveMetrics | undefined;
  error: string | undefined;
  counts: RefObject<CountsRef>;
  /** Browser clock, ms. */
  completeSince: number | null;
  types: readonly string[];
  liveTail: boolean;
}) {
  const { timeZone } = useStoreUnits();
  const [view, setView] = useState<View>({ rows: [], types: [], rate: null });
  const offset = metrics?.clockOffsetMs ?? 0;

  useEffect(() => {
    const tick = () => {
      const nowMs = Date.now() + offset;
      const seconds = pruneSecondCounts(counts.current.seconds, Math.floor(nowMs / 1000) - 300);
      const since = completeSince === null ? null : completeSince + offset;
      const { rows, types: shown } = toThroughputRows({
        minutes: metrics?.minutes ?? [],
        seconds,
        completeSince: since,
        nowMs,
        types,
        liveTail,
      });
      setView({ rows, types: shown, rate: recentRate(seconds, since, nowMs) });
    };
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [metrics, counts, completeSince, types, liveTail, offset]);

  const lastMinute = useMemo(() => {
    if (!metrics) return null;
    if (!types.length) return metrics.perSecondTotal;
    return Math.round(types.reduce((s, t) => s + (metrics.perSecond[t] ?? 0), 0) * 100) / 100;
  }, [metrics, types]);
  const windowTotal = useMemo(
    () =>
      metrics?.minutes.reduce(
        (sum, m) => sum + (types.length ? types.reduce((s, t) => s + (m.byType[t] ?? 0), 0) : m.total),
        0,
      ),
    [metrics, types],
  );

  return (
    <section className="card" aria-labelledby="throughput-heading">
      <header className="card-header">
        <h2 id="throughput-heading">Events per second by type</h2>
        <span className="muted">last 15 minutes · times in {timeZone} · updated every second</span>
      </header>
      {error ? (
        <p className="error" role="alert">
          Could not read the metrics: {error}
        </p>
      ) : null}
      <div className="live-stats">
        <div className="stat" data-testid="stat-rate-now">
          <div className="stat-label">Now</div>
          <div className="stat-value">{rateLabel(view.rate)}</div>
          <div className="stat-hint">last 10 s of the feed{liveTail ? '' : ', filtered shoppers only'}</div>
        </div>
        <div className="stat" data-testid="stat-rate-minute">
          <div className="stat-label">Last full minute</div>
          <div className="stat-value">{rateLabel(lastMinute)}</div>
          <div className="stat-hint">all shoppers, as the stream consumers counted them</div>
        </div>
        <div className="stat" data-testid="stat-window-total">
          <div className="stat-label">Last 15 minutes</div>
          <div className="stat-value">
            {windowTotal === undefined ? '–' : `${windowTotal.toLocaleString('en')} events`}
          </div>
          <div className="stat-hint">counted by the stream consumers, read every 10 s</div>
        </div>
      </div>
      {view.types.length ? (
        <ChartLiveThroughput rows={view.rows} types={view.types} />
      ) : (
        <div className="empty chart-empty" role="status" data-testid="throughput-empty">
          No events in the last 15 minutes{types.length ? ' of these types' : ''}. Send storefront events (
          <code>npm run simulate</code>) and they appear here within seconds.
        </div>
      )}
      <p className="muted chart-note">
        {liveTail
          ? 'Per-minute averages from the server, then the last two minutes second by second from the live feed.'
          : 'Per-minute averages from the server for all shoppers: the feed is narrowed to a segment or a customer, so it is not counted here.'}
      </p>
    </section>
  );
});
