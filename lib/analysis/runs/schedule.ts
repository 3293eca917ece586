/**
 * When the nightly batch is due: the local date and time in the configured zone, and whether the scheduled time
 * of day has passed today. Pure.
 */
export function localClock(now: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Tonight's run id when the schedule has passed today (local), else undefined. */
export function nightlyRunDue(now: Date, schedule: string, timeZone: string): string | undefined {
  const { date, time } = localClock(now, timeZone);
  return time >= schedule ? `nightly_${date}` : undefined;
}
