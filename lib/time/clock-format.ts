/**
 * Times of day and dates as the store's clock shows them (STORE_TIMEZONE), with the zone's short name where a time
 * stands alone: the Live and Experiments pages. Pure: the zone comes in.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}

const partsOf = (ms: number, timeZone: string) =>
  Object.fromEntries(
    formatter(
      `parts:${timeZone}`,
      () =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone,
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
        }),
    )
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;

/** "14:05" or "14:05:09" on the store's clock. */
export function clockTime(ms: number, timeZone: string, withSeconds = false): string {
  const p = partsOf(ms, timeZone);
  return withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** The zone's short name at that instant: "UTC", "GMT-5", "CET". */
export function zoneName(ms: number, timeZone: string): string {
  return partsOf(ms, timeZone).timeZoneName ?? timeZone;
}

/** "24 Nov 14:03 GMT-5" (with the year when `withYear`: "24 Nov 2026 14:03 GMT-5"). */
export function dateTimeLabel(ms: number, timeZone: string, withYear = false): string {
  const p = partsOf(ms, timeZone);
  return `${p.day} ${p.month}${withYear ? ` ${p.year}` : ''} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}
