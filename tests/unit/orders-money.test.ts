import { describe, expect, it } from 'vitest';
import { decimalToMinor, minorToDecimal } from '@/lib/orders/money';

describe('money as decimal strings', () => {
  it.each([
    ['12.99', 1299],
    ['0.1', 10],
    ['0.30', 30],
    ['7', 700],
    [' 1234567.05 ', 123456705],
  ])('reads %s as %i minor units, exactly', (input, minor) => {
    expect(decimalToMinor(input)).toBe(minor);
  });

  it.each(['12.999', '-1.00', '1e3', '01.5', '12,99', '', '.5', 'NaN'])('refuses %s', (input) => {
    expect(decimalToMinor(input)).toBeUndefined();
  });

  it('adds ten 0.10 lines to exactly 1.00, where floats drift', () => {
    const minor = Array.from({ length: 10 }, () => decimalToMinor('0.10') ?? 0).reduce((a, b) => a + b, 0);
    expect(minorToDecimal(minor)).toBe('1.00');
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
  });
});
