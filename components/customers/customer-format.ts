import { formatMoney } from '@/lib/money/currency';
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

/**
 * A customer's Name cell: their name (initials when masked); without one, for a reader who may see contact data,
 * their e-mail (an imported customer often has nothing else); otherwise "—".
 */
export function nameCell(c: { displayName: string; email?: string; masked: boolean }): {
  text: string;
  /** Not a name: the e-mail standing in for one, or the dash. */
  standIn: boolean;
} {
  if (c.displayName) return { text: c.displayName, standIn: false };
  if (!c.masked && c.email) return { text: c.email, standIn: true };
  return { text: '—', standIn: true };
}

/** An order's money as the orders table shows it: as sold, what was refunded, and the net that Total spent adds up. */
export function orderMoney(order: { totalMinor: number; refundedMinor?: number; currency: string }): {
  total: string;
  /** "−$3.49" (the Refunded column); absent when nothing was. */
  refunded?: string;
  net: string;
  fullyRefunded: boolean;
} {
  const refundedMinor = order.refundedMinor ?? 0;
  return {
    total: formatMoney(order.totalMinor, order.currency),
    ...(refundedMinor > 0 ? { refunded: `−${formatMoney(refundedMinor, order.currency)}` } : {}),
    net: formatMoney(order.totalMinor - refundedMinor, order.currency),
    fullyRefunded: refundedMinor > 0 && refundedMinor >= order.totalMinor,
  };
}
