'use client';
import { useCallback, useRef, useState } from 'react';
import type { AlertList } from '@/lib/client/use-live-alerts';
import { useLiveActive, type ActiveShoppers } from '@/lib/client/use-live-active';
import { useLiveFeed, type FeedEntry } from '@/lib/client/use-live-feed';
import { useLiveHealth } from '@/lib/client/use-live-health';
import { useLiveMetrics, type LiveMetrics } from '@/lib/client/use-live-metrics';
import type { StreamHealth } from '@/lib/live/get-stream-health';
import { ActiveShoppersPanel } from './active-shoppers-panel';
import { AlertInbox } from './alert-inbox';
import { EMPTY_FEED, pauseFeed, receiveBatch, resumeFeed, type FeedState } from './feed-buffer';
import { feedUrl, narrowsAudience, sameFilter, toLiveSearch, type LiveFilter } from './feed-filter';
import { LiveFeedPanel } from './live-feed-panel';
import { ACTIVE_LIMIT, METRICS_MINUTES } from './live-limits';
import { StreamHealthStrip } from './stream-health-strip';
import { ThroughputPanel, type CountsRef } from './throughput-panel';
import { addToSecondCounts } from './throughput-rows';

export interface LiveInitial {
  metrics?: LiveMetrics;
  active?: ActiveShoppers;
  health?: StreamHealth;
  openAlerts?: AlertList;
}

/**
 * The Live page. The feed's messages are batched by the hook and folded into one state update per flush; the
 * per-second counts behind the chart live in a ref (they change with every batch, but are drawn once a second).
 */
export function LiveClient({
  initialFilter,
  initial,
  serverNow,
  me,
  canWrite,
}: {
  initialFilter: LiveFilter;
  initial: LiveInitial;
  serverNow: number;
  me: string;
  canWrite: boolean;
}) {
  const [filter, setFilter] = useState(initialFilter);
  const url = feedUrl(filter);
  // The buffer belongs to one feed address: a batch still in flight from the previous filters is dropped.
  const [feed, setFeed] = useState<{ url: string; state: FeedState }>({ url, state: EMPTY_FEED });
  const counts = useRef<CountsRef>({ url, seconds: new Map() });

  const onBatch = useCallback((batch: FeedEntry[], from: string) => {
    if (counts.current.url === from)
      addToSecondCounts(
        counts.current.seconds,
        batch.map((b) => b.event),
      );
    setFeed((f) => (f.url === from ? { url: f.url, state: receiveBatch(f.state, batch) } : f));
  }, []);
  const status = useLiveFeed(url, onBatch);

  const onFilter = useCallback(
    (next: LiveFilter) => {
      if (sameFilter(next, filter)) return;
      const nextUrl = feedUrl(next);
      counts.current = { url: nextUrl, seconds: new Map() };
      setFeed({ url: nextUrl, state: EMPTY_FEED });
      setFilter(next);
      // The filters live in the address (shareable, kept on reload) without a server round trip.
      window.history.replaceState(null, '', `${window.location.pathname}${toLiveSearch(next)}`);
    },
    [filter],
  );
  const onPause = useCallback(() => setFeed((f) => ({ url: f.url, state: pauseFeed(f.state) })), []);
  const onResume = useCallback(() => setFeed((f) => ({ url: f.url, state: resumeFeed(f.state) })), []);

  const metrics = useLiveMetrics(METRICS_MINUTES, initial.metrics);
  const active = useLiveActive(ACTIVE_LIMIT, initial.active);
  const health = useLiveHealth(initial.health);

  return (
    <>
      <StreamHealthStrip health={health.data} error={health.error?.message} />
      <div className="live-grid">
        <ThroughputPanel
          metrics={metrics.data}
          error={metrics.error?.message}
          counts={counts}
          completeSince={status.completeSince}
          types={filter.types}
          liveTail={!narrowsAudience(filter)}
        />
        <ActiveShoppersPanel data={active.data} error={active.error?.message} serverNow={serverNow} />
      </div>
      <LiveFeedPanel
        feed={feed.state}
        status={status}
        filter={filter}
        onFilter={onFilter}
        onPause={onPause}
        onResume={onResume}
      />
      <AlertInbox me={me} canWrite={canWrite} initialOpen={initial.openAlerts} serverNow={serverNow} />
    </>
  );
}
