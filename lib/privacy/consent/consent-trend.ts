import { PURPOSES, type Purpose } from '../../events/purposes';
import type { ConsentState } from './consent-entry';

export type OptInPurpose = Exclude<Purpose, 'essential'>;
export const OPT_IN_PURPOSES = PURPOSES.filter((p): p is OptInPurpose => p !== 'essential');

export interface TrendPoint {
  /** Monday (UTC) of the week; the shares are as of the end of that week. */
  week: string;
  /** Customers with a ledger entry by then. */
  customers: number;
  /** Share (0–1) of those customers allowing each purpose. */
  share: Record<OptInPurpose, number>;
}

const DAY = 86_400_000;
const mondayOf = (t: number) => {
  const d = new Date(t);
  const back = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - back * DAY;
};

/**
 * The opt-in rate per purpose, week by week: for each week, among customers who had made a choice by its end, the
 * share whose latest choice allowed each purpose. Entries per customer must be oldest first. Pure.
 */
export function consentTrend(
  ledgers: readonly (readonly { at: string; state: ConsentState }[])[],
  weeks: number,
  now = new Date(),
): TrendPoint[] {
  const lastMonday = mondayOf(now.getTime());
  const points: TrendPoint[] = [];
  for (let w = weeks - 1; w >= 0; w--) {
    const monday = lastMonday - w * 7 * DAY;
    const cutoff = new Date(Math.min(monday + 7 * DAY, now.getTime() + 1)).toISOString();
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
      week: new Date(monday).toISOString().slice(0, 10),
      customers,
      share: Object.fromEntries(
        OPT_IN_PURPOSES.map((p) => [p, customers ? counts[p] / customers : 0]),
      ) as Record<OptInPurpose, number>,
    });
  }
  return points;
}
