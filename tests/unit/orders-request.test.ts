import { afterEach, describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { createOrderRequestSchema } from '@/lib/orders/create-order-request';

/** Runs with the store's currency set as STORE_CURRENCY would set it. */
function inStore(currency: string) {
  process.env.STORE_CURRENCY = currency;
  resetConfig();
}

afterEach(() => {
  delete process.env.STORE_CURRENCY;
  resetConfig();
});

const body = (unitPrice: string, extra: Record<string, unknown> = {}) => ({
  customerId: 'cus_1',
  items: [{ productId: 'prd_1', categoryId: 'cat_1', quantity: 3, unitPrice }],
  ...extra,
});

const problems = (input: unknown) =>
  (createOrderRequestSchema.safeParse(input).error?.issues ?? []).map((i) => ({
    path: i.path.join('.'),
    message: i.message,
  }));

describe('an order in the store’s currency', () => {
  it('is in the store’s currency when it names none, with prices read by that currency’s decimals', () => {
    inStore('JPY');
    expect(createOrderRequestSchema.parse(body('1500'))).toMatchObject({
      currency: 'JPY',
      items: [{ unitPriceMinor: 1500 }],
    });
    inStore('KWD');
    expect(createOrderRequestSchema.parse(body('1.25'))).toMatchObject({
      currency: 'KWD',
      items: [{ unitPriceMinor: 1250 }],
    });
    inStore('EUR');
    expect(createOrderRequestSchema.parse(body('12.99'))).toMatchObject({
      currency: 'EUR',
      items: [{ unitPriceMinor: 1299 }],
    });
  });

  it('adds ten 0.10 lines to exactly 1.00, where floats drift', () => {
    const parsed = createOrderRequestSchema.parse({
      customerId: 'cus_1',
      items: Array.from({ length: 10 }, (_, i) => ({ productId: `p${i}`, quantity: 1, unitPrice: '0.10' })),
    });
    expect(parsed.items.reduce((s, i) => s + i.unitPriceMinor, 0)).toBe(100);
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
  });

  it('refuses more decimals than the currency has, naming the line and why', () => {
    inStore('JPY');
    expect(problems(body('15.5'))).toEqual([
      { path: 'items.0.unitPrice', message: '"15.5" has decimals, but JPY has no minor unit' },
    ]);
    inStore('KWD');
    expect(problems(body('1.2505'))).toEqual([
      { path: 'items.0.unitPrice', message: '"1.2505" has 4 decimals, but KWD has 3' },
    ]);
    inStore('USD');
    expect(problems(body('-1.00'))).toEqual([{ path: 'items.0.unitPrice', message: '"-1.00" is negative' }]);
    expect(problems(body('1e3'))[0]?.path).toBe('items.0.unitPrice');
  });

  it('refuses an order in another currency, saying which one the store takes', () => {
    inStore('USD');
    expect(problems(body('12.99', { currency: 'EUR' }))).toEqual([
      { path: 'currency', message: 'this store takes USD; the order is in EUR' },
    ]);
    expect(problems(body('12.99', { currency: 'usd' }))[0]?.path).toBe('currency');
    expect(createOrderRequestSchema.parse(body('12.99', { currency: 'USD' })).currency).toBe('USD');
  });
});
