'use client';
import { useEffect, useMemo, useState } from 'react';
import { InsightFigures } from '@/components/analysis/insight-figures';
import { InsightMeta } from '@/components/analysis/insight-meta';
import { TIMING_MIN_P_ALIVE } from '@/lib/analysis/timing';
import { ChartNextPurchases } from '@/components/chart/chart-next-purchases';
import { useAnalyzeCustomer, useInsights } from '@/lib/client/use-insights';
import { toNextPurchaseRows } from './next-purchase-rows';

const REFUSED_TEXT = 'This customer does not allow personalization: no insights are kept.';

const ACTION_LABEL = {
  reminder: 'Reminder',
  win_back: 'Win back',
  retain: 'Retain',
  upsell: 'Upsell',
  on_site: 'On site',
  none: 'No action',
} as const;

/** Seconds since the API answered, ticking every 15 s so "updated 3 min ago" stays true while the page is open. */
function useElapsedSince(updatedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, (now - updatedAt) / 1000);
}

/**
 * The customer's analysis: summary, the models' numbers with their intervals, the next purchases per category,
 * recommended actions and where the insight came from. Nothing is shown (or kept) without personalization consent.
 */
export function CustomerInsightCard({
  customerId,
  canAnalyse,
  now,
  timeZone,
  animate,
}: {
  customerId: string;
  canAnalyse: boolean;
  now: Date;
  /** The store's zone: "today" on the next-purchase chart is the store's day. */
  timeZone: string;
  animate: boolean;
}) {
  const query = useInsights(customerId);
  const analyse = useAnalyzeCustomer(customerId);
  const elapsed = useElapsedSince(query.dataUpdatedAt);
  const data = query.data;
  const granted = data?.consent === 'granted' ? data : undefined;
  const insight = granted?.insight ?? null;
  const rows = useMemo(
    () =>
      insight ? toNextPurchaseRows(insight.numbers.nextPurchases, insight.numbers.asOf, now, timeZone) : [],
    [insight, now, timeZone],
  );

  return (
    <section className="card insight-card" data-testid="insight-card" aria-labelledby="insight-heading">
      <header className="card-header">
        <h2 id="insight-heading">Insight</h2>
        {canAnalyse && granted ? (
          <button type="button" onClick={() => analyse.mutate()} disabled={analyse.isPending}>
            {analyse.isPending ? 'Analysing…' : insight ? 'Re-analyse now' : 'Analyse now'}
          </button>
        ) : null}
      </header>
      {analyse.error ? (
        <p className="error" role="alert" data-testid="insight-analyse-error">
          Could not analyse: {analyse.error.message}
        </p>
      ) : null}
      {query.isPending ? (
        <p className="muted" role="status">
          Loading the insight…
        </p>
      ) : query.error ? (
        <p className="error" role="alert">
          Could not load the insight: {query.error.message}
        </p>
      ) : data?.consent === 'refused' ? (
        <p className="insight-refused" data-testid="insight-refused">
          {REFUSED_TEXT}
        </p>
      ) : !insight || !granted ? (
        <p className="muted" data-testid="insight-none">
          Not analysed yet: the next analysis run will cover this customer
          {canAnalyse ? ', or analyse them now' : ''}.
        </p>
      ) : (
        <>
          <p className="insight-summary" data-testid="insight-summary">
            {insight.summary}
          </p>
          <InsightFigures numbers={insight.numbers} />
          <h3 className="subheading">Next purchases</h3>
          {rows.length > 0 ? (
            <>
              <p className="muted">
                Days from today: the bar is the interval the next purchase should fall in, the dot the most
                likely day.
              </p>
              <ChartNextPurchases rows={rows} animate={animate} />
            </>
          ) : (
            <p className="muted" data-testid="no-next-purchases">
              {insight.numbers.pAlive < TIMING_MIN_P_ALIVE
                ? `Probably lapsed (P(alive) below ${Math.round(TIMING_MIN_P_ALIVE * 100)} %): no purchase rhythm to predict.`
                : 'No category bought regularly enough to predict yet.'}
            </p>
          )}
          <h3 className="subheading">Recommended actions</h3>
          <ul className="insight-actions" data-testid="insight-actions">
            {insight.actions.map((a) => (
              <li key={a.kind + a.text}>
                <span className="action-kind">{ACTION_LABEL[a.kind]}</span> {a.text}
              </li>
            ))}
          </ul>
          <InsightMeta
            insight={insight}
            ageSeconds={(granted.ageSeconds ?? 0) + elapsed}
            staleReason={granted.staleReason}
          />
        </>
      )}
    </section>
  );
}
