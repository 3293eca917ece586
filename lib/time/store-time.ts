/**
 * Days and weeks as the store counts them: in its IANA time zone (STORE_TIMEZONE), correct across daylight-saving
 * changes, with weeks starting on Monday. Pure: the zone comes in, the clock comes in.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes the zone is ahead of UTC at that instant (CET +60, New York in summer −240). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - (at.getTime() - at.getUTCMilliseconds())) / 60_000);
}

/** The store's calendar day (YYYY-MM-DD) of an instant. */
export function storeDay(at: Date | string, timeZone: string): string {
  const w = wallClock(typeof at === 'string' ? new Date(at) : at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
const SLOT_MS = 15 * 60_000; // every zone's offset is a whole number of quarter hours, and changes on one
const slotOffsets = new Map<string, Map<number, number>>();

/**
 * The store's calendar day of an instant as a day number (days since 1970-01-01 of the store's calendar): what
 * `storeDay` names, as a number for day arithmetic. Fast for the many orders of a history: an offset is looked up
 * once per zone and quarter hour.
 */
export function storeEpochDay(at: Date | string | number, timeZone: string): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) return NaN;
  if (timeZone === 'UTC') return Math.floor(ms / DAY_MS);
  let offsets = slotOffsets.get(timeZone);
  if (!offsets) slotOffsets.set(timeZone, (offsets = new Map()));
  const slot = Math.floor(ms / SLOT_MS);
  let offset = offsets.get(slot);
  if (offset === undefined) {
    offset = offsetMinutes(new Date(slot * SLOT_MS), timeZone);
    if (offsets.size > 200_000) offsets.clear(); // bounded: a long-running process sees ever new quarter hours
    offsets.set(slot, offset);
  }
  return Math.floor((ms + offset * 60_000) / DAY_MS);
}

/** The calendar day (YYYY-MM-DD) of a day number from `storeEpochDay`. */
export function epochDayToDay(epochDay: number): string {
  return new Date(Math.floor(epochDay) * DAY_MS).toISOString().slice(0, 10);
}

/** Adds whole days to a calendar day (YYYY-MM-DD), zone-free. */
export function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The Monday (YYYY-MM-DD) of the store's week an instant falls in. */
export function storeWeekStart(at: Date | string, timeZone: string): string {
  const day = storeDay(at, timeZone);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The instant a wall-clock time in the zone names ("2026-03-29T02:30" in Europe/Berlin). In a spring-forward gap
 * the time is moved forward by the gap (02:30 → 03:30), as calendars do; in the repeated hour of a fall-back the
 * first (summer) instant is taken.
 */
export function zonedTimeToInstant(
  local: {
    year: number;
    month: number;
    day: number;
    hour?: number;
    minute?: number;
    second?: number;
    ms?: number;
  },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
    local.ms ?? 0,
  );
  // The zone's offsets half a day either side: equal except around a change of offset.
  const before = asUtc - offsetMinutes(new Date(asUtc - 43_200_000), timeZone) * 60_000;
  const after = asUtc - offsetMinutes(new Date(asUtc + 43_200_000), timeZone) * 60_000;
  const reads = (t: number) => {
    const w = wallClock(new Date(t), timeZone);
    return w.day === local.day && w.hour === (local.hour ?? 0) && w.minute === (local.minute ?? 0);
  };
  const matching = [before, after].filter(reads);
  if (matching.length) return new Date(Math.min(...matching)); // the repeated hour: its first instant
  return new Date(before); // a gap: shifted forward by it, with the offset from before the change
}

/** The instant the store's day starts (local midnight), as an ISO string. */
export function storeDayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTimeToInstant({ year: y, month: m, day: d }, timeZone);
}

/** Day and time on the store's clock ("2026-11-24 18:03"); an unreadable time is shown as given. */
export function storeDateTime(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(t);
  return `${storeDay(new Date(t), timeZone)} ${time}`;
}
