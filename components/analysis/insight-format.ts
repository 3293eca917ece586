import type { Insight } from '@/lib/analysis/insight-store';
import { formatMajor } from '@/lib/money/currency';

/** How the insight card says its numbers. Pure, so it is unit tested. */

/**
 * 0.873 → "87%", as the summary text says it; the ends say "<1%" and ">99%" rather than round to an impossible
 * 0% or 100%.
 */
export function percent(p: number): string {
  const pct = p * 100;
  if (pct > 0 && pct < 0.5) return '<1%';
  if (pct < 100 && pct >= 99.5) return '>99%';
  return `${Math.round(pct)}%`;
}

export const money = formatMajor;

/** "€1,180 over 39 weeks, 80% interval €720–€1,650", in the insight's currency. */
export function clvLabel(clv: Insight['numbers']['clv'], currency: string): string {
  return `${money(clv.mean, currency)} over ${clv.horizonWeeks.toLocaleString('en')} weeks, ${percent(clv.coverage)} interval ${money(clv.low, currency)}–${money(clv.high, currency)}`;
}

/** Expected orders with one decimal, rounded as the summary text rounds them ("2.4 orders"). */
export function expectedOrdersLabel(n: number): string {
  const text = n.toFixed(1);
  return `${text} ${text === '1.0' ? 'order' : 'orders'}`;
}

/** "just now", "42 s ago", "12 min ago", "3 h ago", "2 days ago". */
export function ageLabel(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86_400);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

export const TRIGGER_LABEL: Record<Insight['trigger'], string> = {
  batch: 'batch run',
  refresh: 'real-time refresh',
  manual: 'manual re-analysis',
  backtest: 'backtest',
};

export const STALE_LABEL = { new_order: 'stale: new order since', expired: 'expired' } as const;
