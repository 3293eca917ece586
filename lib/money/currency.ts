/**
 * Money in the store's currency: integer minor units, with ISO 4217 deciding how many (JPY none, EUR two, KWD
 * three). Decimal strings become minor units by string arithmetic, never through a float: 0.1 + 0.2 is not 0.3 in
 * binary floating point, and an order total must be exact. Pure; the ICU data comes with Node and the browser.
 */
const KNOWN = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code this runtime knows (upper case, three letters). */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN.has(code);
}

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (ISO 4217 exponent). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** The largest amount accepted in minor units: far above any order, well inside exact integer arithmetic. */
export const MAX_MINOR = 1e13;

export type MoneyParse = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * "12.99" → 1299 in EUR; "1500" → 1500 in JPY; "1.250" → 1250 in KWD. Accepts an optional sign, surrounding
 * spaces and up to the currency's number of decimals; refuses more decimals than the currency has (money would be
 * lost), thousands separators, exponents and anything else, saying why.
 */
export function parseMoney(
  value: string,
  currency: string,
  options: { allowNegative?: boolean } = {},
): MoneyParse {
  const text = value.trim();
  const digits = minorDigits(currency);
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) {
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text))
      return {
        ok: false,
        reason: `"${value}" has thousands separators; write it as ${text.replace(/,/g, '')}`,
      };
    return {
      ok: false,
      reason: `"${value}" is not an amount (write it like ${digits ? `12.${'5'.repeat(digits)}` : '1250'})`,
    };
  }
  const [, sign, units = '', fraction = ''] = match;
  if (fraction.length > digits)
    return {
      ok: false,
      reason:
        digits === 0
          ? `"${value}" has decimals, but ${currency} has no minor unit`
          : `"${value}" has ${fraction.length} decimals, but ${currency} has ${digits}`,
    };
  if (sign === '-' && !options.allowNegative) return { ok: false, reason: `"${value}" is negative` };
  const minor = Number(units) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR)
    return { ok: false, reason: `"${value}" is too large` };
  return { ok: true, minor: sign === '-' && minor !== 0 ? -minor : minor };
}

/** 1299 → "12.99" (EUR), 1500 → "1500" (JPY): the plain decimal a CSV or API carries. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/**
 * 1299 → "€12.99", "$12.99", "¥1,500": for people, in the given locale. `whole`: rounded to whole major units
 * ("€541,890"), for large amounts people compare rather than reconcile.
 */
export function formatMoney(
  minor: number,
  currency: string,
  locale = 'en',
  options: { whole?: boolean } = {},
): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    ...(options.whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
  }).format(minor / 10 ** digits);
}

/**
 * An amount in major units of `currency`, as insight texts write it: whole units for the larger amounts people
 * compare ("€1,180", "¥12,400"), the minor unit below 100 ("€45.20", "KWD 45.200").
 */
export function formatMajor(v: number, currency: string): string {
  const digits = v >= 100 ? 0 : minorDigits(currency);
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}
