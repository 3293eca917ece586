import { formatMoney, minorDigits } from '@/lib/money/currency';

/** An amount as a stat card shows it: whole units to read at a glance, and the exact amount beside it. */
export interface MoneyStat {
  /** "$272,012": whole units of the currency. */
  value: string;
  /** "$272,012.38": to the minor unit (the cent), for the tooltip. */
  exact: string;
  /** "exactly $272,012.38" when rounding changed the amount; absent when the whole amount is already exact. */
  exactLine?: string;
}

export function moneyStat(minor: number, currency: string): MoneyStat {
  const value = formatMoney(minor, currency, 'en', { whole: true });
  const exact = formatMoney(minor, currency, 'en');
  const rounded = minor % 10 ** minorDigits(currency) !== 0;
  return { value, exact, ...(rounded ? { exactLine: `exactly ${exact}` } : {}) };
}
