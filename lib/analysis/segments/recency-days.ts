const DAY_MS = 86_400_000;

/**
 * Whole days between the last order and `asOf`. Whole days, because a grocery shopper who bought this morning and
 * one who bought last night are equally recent, and integer edges read well ("bought within the last 9 days").
 * A timestamp after `asOf` (clock skew between storefront and server) counts as today rather than as negative days.
 */
export function recencyDays(lastOrderAt: string, asOf: Date): number {
  const last = Date.parse(lastOrderAt);
  const now = asOf.getTime();
  if (!Number.isFinite(last)) throw new RangeError(`lastOrderAt is not a date: "${lastOrderAt}"`);
  if (!Number.isFinite(now)) throw new RangeError('asOf is not a valid date');
  return Math.max(0, Math.floor((now - last) / DAY_MS));
}
