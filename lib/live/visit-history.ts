/**
 * A shopper's visits (sessions started) per day over the last VISIT_DAYS days, kept on their activity row, and the
 * rhythm early-churn detection compares a quiet week against. Pure.
 */
export const VISIT_DAYS = 42;
const DAY = 86_400_000;

export type VisitDays = Record<string, number>;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The history with one more visit on the day of `at`, days older than VISIT_DAYS dropped. */
export function countVisit(history: VisitDays | undefined, at: string): VisitDays {
  const day = at.slice(0, 10);
  const oldest = dayOf(Date.parse(at) - (VISIT_DAYS - 1) * DAY);
  const next: VisitDays = {};
  for (const [d, n] of Object.entries(history ?? {})) if (d >= oldest) next[d] = n;
  next[day] = (next[day] ?? 0) + 1;
  return next;
}

/**
 * Visits in the 7 whole days before today against the customer's usual week, the mean of the 4 weeks before them; null
 * when the history does not reach back 5 weeks (too new to say what usual is).
 */
export function visitRhythm(
  history: VisitDays,
  now: Date,
  firstSeen: string,
): { last7Days: number; usualPerWeek: number } | null {
  // Whole days before today: early in the morning, today's few hours would make any week look quiet.
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  if (Date.parse(firstSeen) > today - 35 * DAY) return null;
  let last7Days = 0;
  let before = 0;
  for (const [d, n] of Object.entries(history)) {
    const age = (today - Date.parse(`${d}T00:00:00Z`)) / DAY; // 1 = yesterday
    if (age >= 1 && age <= 7) last7Days += n;
    else if (age > 7 && age <= 35) before += n;
  }
  return { last7Days, usualPerWeek: before / 4 };
}
