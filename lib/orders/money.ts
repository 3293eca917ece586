/**
 * Money arrives as integer minor units (1299) or as a decimal string ("12.99"), never as a float: 0.1 + 0.2 is not
 * 0.3 in binary floating point, and an order total must be exact. Two decimals (EUR, GBP, USD…).
 */
const DECIMAL = /^(0|[1-9]\d{0,9})(?:\.(\d{1,2}))?$/;

export function decimalToMinor(value: string): number | undefined {
  const match = DECIMAL.exec(value.trim());
  if (!match) return undefined;
  const [, units, fraction = ''] = match;
  return Number(units) * 100 + Number(fraction.padEnd(2, '0'));
}

export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
