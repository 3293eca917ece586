import { PURPOSES, type Purpose } from '../../events/purposes';
import { addDays, storeDayStart, storeWeekStart } from '../../time/store-time';
import type { ConsentState } from './consent-entry';

export type OptInPurpose = Exclude<Purpose, 'essential'>;
export const OPT_IN_PURPOSES = PURPOSES.filter((p): p is OptInPurpose => p !== 'essential');

export interface TrendPoint {
  /** Monday of the week in the store's zone; the shares are as of the end of that week. */
  week: string;
  /** Customers with a ledger entry by then. */
  customers: number;
  /** Share (0–1) of those customers allowing each purpose. */
  share: Record<OptInPurpose, number>;
}

/**
 * The opt-in rate per purpose, week by week: for each of the store's weeks (from Monday 00:00 in `timeZone`), among
 * customers who had made a choice by its end, the share whose latest choice allowed each purpose. Entries per
 * customer must be oldest first. Pure.
 */
export function consentTrend(
  ledgers: readonly (readonly { at: string; state: ConsentState }[])[],
  weeks: number,
  timeZone: string,
  now = new Date(),
): TrendPoint[] {
  const lastMonday = storeWeekStart(now, timeZone);
  const points: TrendPoint[] = [];
  for (let w = weeks - 1; w >= 0; w--) {
    const monday = addDays(lastMonday, -7 * w);
    // The week ends at the next Monday's midnight on the store's clock (a clock change makes it 167 or 169 hours).
    const end = storeDayStart(addDays(monday, 7), timeZone).getTime();
    const cutoff = new Date(Math.min(end, now.getTime() + 1)).toISOString();
    const counts = Object.fromEntries(OPT_IN_PURPOSES.map((p) => [p, 0])) as Record<OptInPurpose, number>;
    let customers = 0;
    for (const ledger of ledgers) {
      // the latest entry before the cutoff
      let state: ConsentState | undefined;
      for (const entry of ledger) {
        if (entry.at >= cutoff) break;
        state = entry.state;
      }
      if (!state) continue;
      customers++;
      for (const p of OPT_IN_PURPOSES) if (state[p]) counts[p]++;
    }
    points.push({
      week: monday,
      customers,
      share: Object.fromEntries(
        OPT_IN_PURPOSES.map((p) => [p, customers ? counts[p] / customers : 0]),
      ) as Record<OptInPurpose, number>,
    });
  }
  return points;
}
