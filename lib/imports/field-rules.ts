import { customerIdFromSource } from '../customers/source-customer-id';
import { isCurrency } from '../money/currency';
import { zonedTimeToInstant } from '../time/store-time';

/**
 * One rule per field of an import line (docs/import.md "Rules"): each returns the value or a sentence naming the
 * column (`label`, the file's own header) and the bad value. Pure.
 */
export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const no = <T>(reason: string): Check<T> => ({ ok: false, reason });

/** Order ids and SKUs: safe in keys, URLs and logs, and wide enough for the usual shop systems' ids. */
export const IMPORT_ID_PATTERN = /^[A-Za-z0-9_.:#-]{1,64}$/;

/** At most this many units in one line, either way (as the purchase event's quantity). */
export const MAX_QUANTITY = 999;

/** Times before this are a typo or a default value, not an order (the product did not exist before). */
const EARLIEST_YEAR = 1990;
const DAY_MS = 86_400_000;

const shown = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

export function checkId(label: string, value: string): Check<string> {
  if (value === '') return no(`${label} is empty`);
  if (!IMPORT_ID_PATTERN.test(value))
    return no(`${label} ${shown(value)} may hold only letters, digits and _ . : # - (at most 64 characters)`);
  return ok(value);
}

/** A source system's customer id as this product's (lib/customers customerIdFromSource: kept, or `cid_` + hash). */
export function toCustomerId(label: string, value: string): Check<string> {
  const id = checkId(label, value);
  return id.ok ? ok(customerIdFromSource(value)) : id;
}

export function checkCurrency(label: string, value: string, storeCurrency: string): Check<string> {
  const code = value.toUpperCase();
  if (code === '') return no(`${label} is empty`);
  if (!isCurrency(code)) return no(`${label} ${shown(value)} is not an ISO 4217 currency code`);
  if (code !== storeCurrency)
    return no(
      `${label} is ${code}, but the store sells in ${storeCurrency}: convert the amounts first, or import into a store set up for ${code}`,
    );
  return ok(code);
}

export function parseQuantity(label: string, value: string): Check<number> {
  if (value === '') return no(`${label} is empty`);
  // "2.0" is what a spreadsheet writes for 2.
  if (!/^[+-]?\d+(\.0+)?$/.test(value)) return no(`${label} ${shown(value)} is not a whole number`);
  const quantity = Math.trunc(Number(value));
  if (quantity === 0) return no(`${label} is 0: nothing was sold or returned`);
  if (Math.abs(quantity) > MAX_QUANTITY)
    return no(`${label} ${shown(value)} is more than ${MAX_QUANTITY} units in one line`);
  return ok(quantity);
}

const CONSENT_WORDS = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

/** true/false/yes/no/1/0 in any case; empty = the file says nothing (not given). */
export function parseConsent(label: string, value: string): Check<boolean | undefined> {
  if (value === '') return ok(undefined);
  const given = CONSENT_WORDS.get(value.toLowerCase());
  if (given === undefined) return no(`${label} ${shown(value)} is not one of true, false, yes, no, 1, 0`);
  return ok(given);
}

export function checkEmail(label: string, value: string): Check<string> {
  if (value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
    return no(`${label} ${shown(value)} is not an e-mail address`);
  return ok(value);
}

/** Free text (names, cities): runs of whitespace (a newline in a quoted value) become one space. */
export function checkText(label: string, value: string, max: number): Check<string | undefined> {
  const text = value.replace(/\s+/g, ' ');
  if (text === '') return ok(undefined);
  if (text.length > max) return no(`${label} is longer than ${max} characters`);
  return ok(text);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

// 2024-03-05 | 2024-03-05T14:22[:10[.123]] | the same with Z, UTC, +01:00, +0100 or +01 (a space may come first).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?))?)?$/i;

/**
 * An order time as a UTC instant (ISO). With an offset it is exact; without, it is a wall-clock time in the store's
 * zone (a date alone: its midnight), DST-correct through zonedTimeToInstant. Impossible dates and times, years before
 * 1990 and times more than a day after `now` are refused.
 */
export function parseOrderedAt(label: string, value: string, timeZone: string, now: Date): Check<string> {
  if (value === '') return no(`${label} is empty`);
  const match = DATE_TIME.exec(value);
  if (!match)
    return no(`${label} ${shown(value)} is not a date like 2024-03-05 or 2024-03-05T14:22:10+01:00`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12)
    return no(`${label} ${shown(value)} is not a real date: there is no month ${month}`);
  if (day < 1 || day > daysIn(year, month))
    return no(
      `${label} ${shown(value)} is not a real date: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days`,
    );
  if (hour > 23 || minute > 59 || second > 59)
    return no(`${label} ${shown(value)} is not a real time of day`);
  if (year < EARLIEST_YEAR) return no(`${label} ${shown(value)} is before ${EARLIEST_YEAR}`);
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  let instant: number;
  if (zone) {
    const offset = /^[+-]/.test(zone) ? zoneMinutes(zone) : 0;
    if (offset === undefined) return no(`${label} ${shown(value)} has an offset beyond ±14:00`);
    instant = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
  } else {
    const start = hourStart(year, month, day, hour, timeZone);
    instant =
      start === null
        ? zonedTimeToInstant({ year, month, day, hour, minute, second, ms }, timeZone).getTime()
        : start + (minute * 60 + second) * 1000 + ms;
  }
  if (instant > now.getTime() + DAY_MS)
    return no(`${label} ${shown(value)} is more than a day in the future`);
  return ok(new Date(instant).toISOString());
}

const hourStarts = new Map<string, number | null>();

/**
 * The instant a local hour starts, memoised: a file of a million rows has some thousands of distinct hours, and each
 * zonedTimeToInstant formats dates four times. Only for hours the zone's offset does not change in (the hour and the
 * next start an hour apart); for the others null, and every time in them is computed in full, whatever minute the
 * change falls on.
 */
function hourStart(year: number, month: number, day: number, hour: number, timeZone: string): number | null {
  const key = `${timeZone} ${year}-${month}-${day} ${hour}`;
  let start = hourStarts.get(key);
  if (start === undefined) {
    const at = zonedTimeToInstant({ year, month, day, hour }, timeZone).getTime();
    const following = new Date(Date.UTC(year, month - 1, day, hour + 1)); // the next wall-clock hour, as a date
    const next = zonedTimeToInstant(
      {
        year: following.getUTCFullYear(),
        month: following.getUTCMonth() + 1,
        day: following.getUTCDate(),
        hour: following.getUTCHours(),
      },
      timeZone,
    ).getTime();
    start = next - at === 3_600_000 ? at : null;
    if (hourStarts.size >= 100_000) hourStarts.clear();
    hourStarts.set(key, start);
  }
  return start;
}

/** "+05:30", "-0500", "+01" → minutes east of UTC; undefined beyond ±14:00. */
function zoneMinutes(zone: string): number | undefined {
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  if (minutes > 14 * 60 || Number(digits.slice(2) || '0') > 59) return undefined;
  return zone.startsWith('-') ? -minutes : minutes;
}
