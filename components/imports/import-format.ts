import { formatMoney } from '@/lib/money/currency';
import { storeDay } from '@/lib/time/store-time';
import type { ImportView } from '@/lib/client/use-imports';

/** Labels and numbers of the Imports page, for people: the store's currency and days. Pure. */

/** Problems shown per page of a report. */
export const REJECTS_PAGE = 25;

export const count = (n: number) => n.toLocaleString('en');

export const FORMAT_LABEL: Record<string, string> = {
  auto: 'detect',
  canonical: 'canonical line-item CSV',
  shopify: "Shopify's orders export",
  ndjson: 'NDJSON (one order per line)',
};

export const PHASE_LABEL: Record<ImportView['progress']['phase'], string> = {
  reading: 'Reading and checking the file',
  orders: 'Storing orders',
  customers: 'Storing customers and consent',
  finishing: 'Rebuilding the Overview and segments',
  done: 'Done',
};

export function statusLabel(view: Pick<ImportView, 'status' | 'interrupted'>): string {
  if (view.interrupted) return 'interrupted';
  return view.status;
}

/** "12 s", "3 min 05 s", "1 h 02 min". */
export function durationLabel(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "214.5 MB" (decimal units, as file managers show sizes). */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

/** The store's days of the first and last order: "2024-01-03 – 2025-12-31". */
export function dateRangeLabel(
  first: string | undefined,
  last: string | undefined,
  timeZone: string,
): string {
  if (!first) return '—';
  const from = storeDay(first, timeZone);
  const to = storeDay(last ?? first, timeZone);
  return from === to ? from : `${from} – ${to}`;
}

/** Money by currency, the store's first: "€12,345.67" (another currency, if a summary has one, after it). */
export function moneyLabel(byCurrency: Record<string, number> | undefined, storeCurrency: string): string {
  const entries = Object.entries(byCurrency ?? {});
  if (!entries.length) return formatMoney(0, storeCurrency);
  entries.sort(([a], [b]) => (a === storeCurrency ? -1 : b === storeCurrency ? 1 : a.localeCompare(b)));
  return entries.map(([currency, minor]) => formatMoney(minor, currency)).join(' + ');
}

/** What the progress bar says: the phase, how far, and how much of the file. */
export function progressText(view: ImportView): string {
  const p = view.progress;
  if (view.status !== 'running') return `${statusLabel(view)} · ${p.percent} %`;
  const phase = PHASE_LABEL[p.phase];
  if (p.phase === 'reading')
    return `${phase}: ${sizeLabel(p.bytesRead)} of ${sizeLabel(p.sizeBytes)} · ${p.percent} %`;
  if (p.buckets && (p.phase === 'orders' || p.phase === 'customers'))
    return `${phase}: part ${Math.min(p.bucketsDone + 1, p.buckets)} of ${p.buckets} · ${p.percent} %`;
  return `${phase} · ${p.percent} %`;
}

/** An import column's name as a person reads it: "line_total" → "line total". */
export const columnLabel = (column: string) => column.replace(/_/g, ' ');
