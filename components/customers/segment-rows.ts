import type { SegmentOverview } from '@/lib/analysis/segments/get-segment-overview';
import { SEGMENT_NAMES } from '@/lib/analysis/segments/segments';
import { storeDay } from '@/lib/time/store-time';

/** Reshaping of the segments API for the Overview charts and the segment badges. Pure, so it is unit tested. */

export interface SegmentDistributionRow {
  segment: string;
  customers: number;
  /** Whole or one-decimal percent, for the bar label. */
  shareLabel: string;
  /** "42 customers (14%)". */
  label: string;
}

export interface SegmentFlowRow {
  key: string;
  from: string;
  to: string;
  customers: number;
  /** Width of the row's bar relative to the largest flow, 0..100. */
  widthPct: number;
  /** "At Risk → Lost: 42 customers". */
  label: string;
}

export const TOP_FLOWS = 10;

export function customersLabel(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'customer' : 'customers'}`;
}

/** Shares as people read them: small ones with a decimal, so 0.4% does not show as 0%. */
export function formatShare(share: number): string {
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (pct < 0.1) return '<0.1%';
  if (pct < 10) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** All eleven segments in the canonical order (best customers first), whatever order the API sends. */
export function toSegmentDistributionRows(
  distribution: SegmentOverview['distribution'],
): SegmentDistributionRow[] {
  const bySegment = new Map(distribution.segments.map((s) => [s.segment as string, s]));
  return SEGMENT_NAMES.map((segment) => {
    const s = bySegment.get(segment);
    const customers = s?.customers ?? 0;
    const shareLabel = formatShare(s?.share ?? 0);
    return { segment, customers, shareLabel, label: `${customersLabel(customers)} (${shareLabel})` };
  });
}

/** The largest flows first (the API sorts them), at most `top`, each with its bar width. */
export function toSegmentFlowRows(flows: SegmentOverview['flows'], top = TOP_FLOWS): SegmentFlowRow[] {
  const shown = [...flows]
    .filter((f) => f.customers > 0)
    .sort((a, b) => b.customers - a.customers)
    .slice(0, top);
  const max = shown[0]?.customers ?? 0;
  return shown.map((f) => ({
    key: `${f.from}→${f.to}`,
    from: f.from,
    to: f.to,
    customers: f.customers,
    widthPct: max === 0 ? 0 : Math.max(2, Math.round((f.customers / max) * 100)),
    label: `${f.from} → ${f.to}: ${customersLabel(f.customers)}`,
  }));
}

/** CSS class suffix of a segment's badge: "Can't Lose" → "cant-lose". */
export function segmentSlug(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface SegmentHistoryRow {
  at: string;
  /** The store's day of the change, YYYY-MM-DD. */
  date: string;
  from: string | null;
  to: string;
}

/** Segment changes newest first (stored oldest first), dated on the store's calendar; the input is not changed. */
export function toSegmentHistoryRows(
  history: readonly { at: string; from: string | null; to: string }[] | undefined,
  timeZone: string,
): SegmentHistoryRow[] {
  return [...(history ?? [])]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map((h) => ({
      at: h.at,
      date: Number.isFinite(Date.parse(h.at)) ? storeDay(h.at, timeZone) : h.at.slice(0, 10),
      from: h.from,
      to: h.to,
    }));
}

/**
 * Who has no segment and why, beside the chart: customers who never ordered have nothing to score; those with orders
 * are scored by the nightly run, so once segments exist the ones left are those who do not allow personalization.
 */
export function unscoredLabel(o: {
  distribution: { unscored: number };
  unscoredWithOrders: number;
  edgesAsOf: string | null;
}): string {
  const withoutOrders = o.distribution.unscored - o.unscoredWithOrders;
  const parts = [];
  if (withoutOrders > 0) parts.push(`${customersLabel(withoutOrders)} without orders`);
  if (o.unscoredWithOrders > 0)
    parts.push(
      o.edgesAsOf
        ? `${customersLabel(o.unscoredWithOrders)} who do not allow personalization`
        : `${customersLabel(o.unscoredWithOrders)} waiting for the first nightly run`,
    );
  return parts.length ? `not scored: ${parts.join(', ')}` : 'everyone scored';
}

/**
 * What the segment chart says instead of empty bars when nobody is scored (undefined when someone is): why no
 * customer has a segment, and for refusals where consent comes from.
 */
export function noSegmentsText(o: {
  distribution: { scored: number; unscored: number };
  unscoredWithOrders: number;
  edgesAsOf: string | null;
}): string | undefined {
  if (o.distribution.scored > 0) return undefined;
  if (o.distribution.unscored === 0) return 'No customers yet, so no segments.';
  if (o.unscoredWithOrders === 0) return 'No customer has ordered yet, so none has a segment.';
  if (!o.edgesAsOf)
    return `No segments yet: ${customersLabel(o.unscoredWithOrders)} with orders wait for the first nightly run (or an import's finishing step).`;
  return (
    `No customer has a segment: none of the ${customersLabel(o.unscoredWithOrders)} with orders allows personalization. ` +
    'Consent comes from the storefront, the consent columns of an import, or CONSENT_DEFAULT_GRANTED for customers an import creates (docs/configuration.md).'
  );
}
