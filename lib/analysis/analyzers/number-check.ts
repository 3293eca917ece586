import { isCurrency } from '../../money/currency';
import type { AnalyzerInput, Narrative } from './analyzer';

/**
 * Every number a narrative writes must be one of the models' numbers: a language model may explain them, never
 * invent, extrapolate or recompute them. Pure; the Bedrock analyzer rejects an answer whose list is not empty, and
 * the statistical template passes the same check (tests/unit/ai-number-check.test.ts).
 *
 * Limits, on purpose: numbers written as words ("two orders") are not seen, and a minus sign is read as a dash
 * ("3-6 days" is a range), since the narratives speak of "days ago" rather than of negative days.
 */

export interface WrittenNumber {
  /** As written, with its unit sign: `83%`, `€1,234.50`, `KWD 45.200`, `2.4`. */
  text: string;
  value: number;
  /** Digits after the decimal point: the precision the writer claims. */
  decimals: number;
  /** `money`: written with the input's currency sign or code; `foreign-money`: with another currency's. */
  unit?: 'percent' | 'money' | 'foreign-money';
}

// A thousands-grouped number (1,234.50) or a plain one (2.4, 30); a currency sign or ISO code before it (€, $, CA$,
// KWD) or a percent sign after it. A range such as 3–6 yields two numbers because the dash is not part of either.
const NUMBER =
  /([€$£¥₹₩₽₺₪₫₱₴₦]|\b[A-Z]{1,2}\$|\b[A-Z]{3}\b)?\s?(\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?%)?/g;
const SIGN_CHARS = /[€$£¥₹₩₽₺₪₫₱₴₦]/;

/**
 * How people write this currency before an amount: its ISO code, its symbol and its narrow symbol in English, and
 * for a dollar its country's letters (US$, CA$).
 */
function signsOf(currency: string): Set<string> {
  const signs = new Set([currency]);
  for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
    const part = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay })
      .formatToParts(1)
      .find((p) => p.type === 'currency');
    if (part) signs.add(part.value);
  }
  if (signs.has('$')) signs.add(`${currency.slice(0, 2)}$`);
  return signs;
}

/** The numbers in a text; amounts are `money` when written with `currency`'s sign or code (the input's). */
export function extractNumbers(text: string, currency: string): WrittenNumber[] {
  const own = signsOf(currency);
  return [...text.matchAll(NUMBER)].map((m) => {
    const digits = m[2]!.replace(/,/g, '');
    const sign = m[1];
    // Three capitals are a currency only when ISO 4217 says so ("CLV 412" is not money).
    const isMoney = sign !== undefined && (SIGN_CHARS.test(sign) || sign.endsWith('$') || isCurrency(sign));
    const unit = m[3] ? 'percent' : isMoney ? (own.has(sign) ? 'money' : 'foreign-money') : undefined;
    const written = isMoney ? m[0] : m[0].slice(sign?.length ?? 0);
    return {
      text: written.trim(),
      value: Number(digits),
      decimals: digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0,
      ...(unit ? { unit } : {}),
    };
  });
}

interface Allowed {
  value: number;
  unit?: 'percent' | 'money';
}

/** Keys holding a probability or an interval's coverage (0–1), which are written as percentages. */
const FRACTION_KEY = /^(p[A-Z].*|.*Probability|coverage)$/;
/** Keys holding amounts of the input's currency, the only numbers its sign may stand before. */
const MONEY_KEY = /^(averageOrder|ownAverageOrder|mean|low|high)$/;
/** Keys naming a horizon in days (`expectedOrders30d`): the horizon itself may be written ("next 30 days"). */
const HORIZON_KEY = /(\d+)d$/;

/** Every number the narrative may write for this input, with the unit it may carry. */
function allowedNumbers({ numbers, features }: AnalyzerInput): Allowed[] {
  const allowed: Allowed[] = [];
  const visit = (value: unknown, key: string) => {
    const horizon = HORIZON_KEY.exec(key);
    if (horizon) allowed.push({ value: Number(horizon[1]) });
    if (typeof value === 'number' && Number.isFinite(value)) {
      const unit = MONEY_KEY.test(key) ? ('money' as const) : undefined;
      // |v|: "due 3 days ago" for dueInDays = -3.
      for (const v of new Set([value, Math.abs(value)]))
        allowed.push({ value: v, ...(unit ? { unit } : {}) });
      if (FRACTION_KEY.test(key) && value >= 0 && value <= 1)
        allowed.push({ value: value * 100, unit: 'percent' });
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(numbers, '');
  visit(features, '');
  return allowed;
}

/**
 * A written number matches an allowed value when it is that value rounded to the written precision, i.e. within
 * half a unit of its last digit: 0.834 → "83%", 412.37 → "€412" or "€412.37", 2.449 → "2.4". Half a unit is exactly
 * what rounding to that precision can move a number, so nothing coarser passes ("€400" for 412.37 does not); the
 * 1e-9 slack absorbs binary floating point, so 2.45 may be written "2.4" or "2.5" whichever way the writer's
 * rounding (toFixed, Math.round, half-even) went. A `%` number must come from a probability or coverage, an amount
 * with the currency's sign from an amount (never one with another currency's sign: nothing was converted); an
 * unmarked number may match any value (e.g. "83 in 100").
 */
function matchesAllowed(written: WrittenNumber, allowed: Allowed): boolean {
  if (written.unit && written.unit !== allowed.unit) return false;
  return Math.abs(allowed.value - written.value) <= 0.5 * 10 ** -written.decimals + 1e-9;
}

/** The numbers in the summary and the actions that match none of the models' numbers, as written. */
export function unmatchedNumbers(narrative: Narrative, input: AnalyzerInput): string[] {
  const allowed = allowedNumbers(input);
  const texts = [narrative.summary, ...narrative.actions.map((a) => a.text)];
  return texts
    .flatMap((text) => extractNumbers(text, input.numbers.currency))
    .filter((w) => !allowed.some((a) => matchesAllowed(w, a)))
    .map((w) => w.text);
}
