import type { PurchaseDigest } from '../../customers/purchase-digest';
import { epochDayToDay, storeDayStart } from '../../time/store-time';

/** Orders in the digest are known by (the store's) day only: one counts at midday there. */
const MIDDAY = 12 * 3_600_000;

/**
 * Whether a prediction made on `day` ("buys <category> between opensAt and closesAt") came true, read from the
 * customer's later orders in their purchase digest, as the live resolution (outcome-cells.ts) would read their
 * purchase events: 1 for the category bought inside the window, 0 for bought before it opened or not by its close;
 * `pending` while the window is still open at `now` with no purchase yet. Days are the store's (`timeZone`), as the
 * digest counts them. Pure.
 */
export function outcomeFromHistory(
  digest: PurchaseDigest,
  day: number,
  prediction: { category: string; opensAt: string; closesAt: string },
  now: Date,
  timeZone: string,
): { value: 0 | 1; at: Date } | 'pending' {
  const boughtOn = (digest.categories[prediction.category] ?? [])
    .map((i) => digest.start + digest.days[i]!)
    .find((d) => d > day);
  const boughtAt =
    boughtOn === undefined ? undefined : storeDayStart(epochDayToDay(boughtOn), timeZone).getTime() + MIDDAY;
  const closes = Date.parse(prediction.closesAt);
  if (boughtAt !== undefined && boughtAt <= now.getTime()) {
    const hit = boughtAt >= Date.parse(prediction.opensAt) && boughtAt < closes;
    return { value: hit ? 1 : 0, at: new Date(Math.min(boughtAt, closes)) };
  }
  if (closes <= now.getTime()) return { value: 0, at: new Date(closes) };
  return 'pending';
}
