import { parseLiveFilter } from '@/components/live/feed-filter';
import { LiveClient, type LiveInitial } from '@/components/live/live-client';
import { ACTIVE_LIMIT, ALERTS_LIMIT, METRICS_MINUTES } from '@/components/live/live-limits';
import { hasPermission } from '@/lib/auth/permissions';
import { requireSection } from '@/lib/auth/require-section';
import { listAlerts } from '@/lib/live/alerts/alert-store';
import { getActiveShoppers } from '@/lib/live/get-active-shoppers';
import { getStreamHealth } from '@/lib/live/get-stream-health';
import { getStreamMetrics } from '@/lib/live/get-stream-metrics';

export const metadata = { title: 'Live' };
export const dynamic = 'force-dynamic';

const settled = <T,>(result: PromiseSettledResult<T>): T | undefined =>
  result.status === 'fulfilled' ? result.value : undefined;

export default async function LivePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSection('/live');
  const filter = parseLiveFilter(await searchParams);
  const now = new Date();
  // The first paint has the figures; a part that cannot be read now is read by the browser instead.
  const [metrics, active, health, openAlerts] = await Promise.allSettled([
    getStreamMetrics(METRICS_MINUTES, now),
    getActiveShoppers(ACTIVE_LIMIT, now),
    getStreamHealth(now),
    listAlerts('open', { limit: ALERTS_LIMIT, now }).then((alerts) => ({ alerts })),
  ]);
  const initial: LiveInitial = {
    metrics: settled(metrics),
    active: settled(active),
    health: settled(health),
    openAlerts: settled(openAlerts),
  };
  return (
    <>
      <h1>Live</h1>
      <p className="muted">
        Storefront activity as it happens: every event within a second or two, the rate by type, who is
        shopping now, how far the stream&rsquo;s consumers are behind, and the alerts they raise. Shoppers who
        do not allow personalization are shown masked.
      </p>
      <LiveClient
        initialFilter={filter}
        initial={initial}
        serverNow={now.getTime()}
        me={user.email}
        canWrite={hasPermission(user.role, 'alerts:write')}
      />
    </>
  );
}
