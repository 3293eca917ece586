import { addDays, storeDay, storeEpochDay } from '../time/store-time';

/**
 * A shopper's visits (sessions started) per day over the last VISIT_DAYS days, kept on their activity row, and the
 * rhythm early-churn detection compares a quiet week against. Days are the store's (its time zone comes in): a
 * Friday-night visit is Friday's however far from UTC the store is. Pure.
 */
export const VISIT_DAYS = 42;
const DAY = 86_400_000;

export type VisitDays = Record<string, number>;

/** The history with one more visit on the store's day of `at`, days older than VISIT_DAYS dropped. */
export function countVisit(history: VisitDays | undefined, at: string, timeZone: string): VisitDays {
  const day = storeDay(at, timeZone);
  const oldest = addDays(day, -(VISIT_DAYS - 1));
  const next: VisitDays = {};
  for (const [d, n] of Object.entries(history ?? {})) if (d >= oldest) next[d] = n;
  next[day] = (next[day] ?? 0) + 1;
  return next;
}

/**
 * Visits in the 7 whole days before the store's today against the customer's usual week, the mean of the 4 weeks
 * before them; null when the history does not reach back 5 weeks (too new to say what usual is).
 */
export function visitRhythm(
  history: VisitDays,
  now: Date,
  firstSeen: string,
  timeZone: string,
): { last7Days: number; usualPerWeek: number } | null {
  // Whole days before today: early in the morning, today's few hours would make any week look quiet.
  const today = storeEpochDay(now, timeZone);
  if (storeEpochDay(firstSeen, timeZone) > today - 35) return null;
  let last7Days = 0;
  let before = 0;
  for (const [d, n] of Object.entries(history)) {
    const age = today - Date.parse(`${d}T00:00:00Z`) / DAY; // 1 = yesterday
    if (age >= 1 && age <= 7) last7Days += n;
    else if (age > 7 && age <= 35) before += n;
  }
  return { last7Days, usualPerWeek: before / 4 };
}
