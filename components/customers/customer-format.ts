import { storeDay } from '@/lib/time/store-time';

const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now`, never negative (a clock a little ahead must not say "-1 days"). */
export function daysSince(iso: string, now: Date): number | undefined {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
}

export function daysAgoLabel(days: number): string {
  if (days === 0) return 'today';
  return days === 1 ? '1 day ago' : `${days.toLocaleString('en')} days ago`;
}

export function ordersLabel(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'order' : 'orders'}`;
}

export function itemsLabel(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'item' : 'items'}`;
}

/** The store's calendar day of an instant ("2026-11-24"), or "—" for none. */
export function dayLabel(iso: string | undefined, timeZone: string): string {
  return iso && Number.isFinite(Date.parse(iso)) ? storeDay(iso, timeZone) : '—';
}
