import type { FeedEntry } from '@/lib/client/use-live-feed';
import { formatMoney, isCurrency } from '@/lib/money/currency';
import { clockTime } from '@/lib/time/clock-format';

/** How one feed event reads in a row: a few facts with their units, nothing for a masked shopper's. Pure. */

/** Said beside every masked shopper: why they are masked. */
export const MASKED_HINT = 'masked (no personalization consent)';

/**
 * Money in minor units of its currency, by that currency's own minor unit: "€12.30", "£4.00", "¥1,500",
 * "KWD 1.250". Every amount in an event comes with its currency; one that does not name a known currency is written
 * as a bare count of minor units rather than guessed.
 */
export function money(minor: unknown, currency: unknown): string {
  if (typeof minor !== 'number' || !Number.isFinite(minor)) return '';
  if (typeof currency !== 'string' || !isCurrency(currency))
    return `${minor.toLocaleString('en')} minor units`;
  return formatMoney(minor, currency);
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The facts of an event worth a glance, e.g. "2 × prd_milk_01 at €1.29 · cart €12.30". */
export function describeEvent(entry: FeedEntry): string {
  if (entry.masked) return `${MASKED_HINT}: details hidden`;
  const { type, properties: p } = entry.event;
  const parts: string[] = [];
  switch (type) {
    case 'page_view':
      parts.push(str(p.path), str(p.title));
      break;
    case 'product_view':
      parts.push(str(p.productId), money(p.priceMinor, p.currency));
      break;
    case 'search': {
      const results = num(p.resultCount);
      parts.push(`“${str(p.query)}”`, results === undefined ? '' : plural(results, 'result'));
      break;
    }
    case 'add_to_cart':
    case 'remove_from_cart': {
      const quantity = num(p.quantity);
      parts.push(
        `${quantity ?? '?'} × ${str(p.productId)} at ${money(p.unitPriceMinor, p.currency)}`,
        p.cartValueMinor === undefined ? '' : `cart ${money(p.cartValueMinor, p.currency)}`,
      );
      break;
    }
    case 'checkout_started': {
      const items = num(p.itemCount);
      parts.push(
        items === undefined ? '' : plural(items, 'item'),
        `cart ${money(p.cartValueMinor, p.currency)}`,
      );
      break;
    }
    case 'purchase': {
      const items = Array.isArray(p.items) ? p.items.length : undefined;
      parts.push(
        str(p.orderId),
        money(p.totalMinor, p.currency),
        items === undefined ? '' : plural(items, 'line'),
      );
      break;
    }
    case 'order_refunded': {
      // What came back and what the order is still worth, so a refund reads against its purchase.
      const total = num(p.orderTotalMinor);
      const refunded = num(p.totalRefundedMinor);
      parts.push(
        str(p.orderId),
        `refunded ${money(p.amountMinor, p.currency)}`,
        total === undefined || refunded === undefined ? '' : `net ${money(total - refunded, p.currency)}`,
      );
      break;
    }
    case 'recommendation_shown': {
      const products = Array.isArray(p.productIds) ? p.productIds.length : undefined;
      parts.push(str(p.placement), products === undefined ? '' : plural(products, 'product'));
      break;
    }
    case 'recommendation_clicked': {
      const position = num(p.position);
      parts.push(str(p.productId), position === undefined ? '' : `position ${position + 1}`);
      break;
    }
    case 'session_end': {
      const seconds = num(p.durationSeconds);
      const events = num(p.eventCount);
      parts.push(
        events === undefined ? '' : plural(events, 'event'),
        seconds === undefined ? '' : `${plural(seconds, 'second')}`,
        str(p.reason),
      );
      break;
    }
    case 'segment_updated':
      parts.push(`${str(p.from) || 'unscored'} → ${str(p.to)}`);
      break;
    case 'consent_updated': {
      const purposes = (p.purposes ?? {}) as Record<string, unknown>;
      parts.push(
        Object.entries(purposes)
          .map(([purpose, on]) => `${purpose} ${on ? 'on' : 'off'}`)
          .join(', '),
      );
      break;
    }
    default:
      break;
  }
  return parts.filter(Boolean).join(' · ');
}

/** "14:03:21" on the store's clock, the time the event happened at the shop. */
export function eventTime(iso: string, timeZone = 'UTC'): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? clockTime(t, timeZone, true) : '';
}

/** "just now", "12 s ago", "3 min ago", "2 h ago" — for a time on the server's clock. */
export function agoLabel(iso: string, nowMs: number): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const seconds = Math.max(0, Math.round((nowMs - t) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}
