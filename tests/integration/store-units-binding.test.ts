import { afterEach, describe, expect, it } from 'vitest';
import { getConfig, resetConfig } from '@/lib/config';
import { deleteItem } from '@/lib/db/items';
import { bindStoreUnits, StoreUnitsMismatchError } from '@/lib/overview/bind-store-units';
import { putBusinessWeeks } from '@/lib/overview/put-business-weeks';
import { useTestStack } from './support/test-stack';

const saved = { currency: process.env.STORE_CURRENCY, zone: process.env.STORE_TIMEZONE };
const setUnits = (currency?: string, zone?: string) => {
  if (currency === undefined) delete process.env.STORE_CURRENCY;
  else process.env.STORE_CURRENCY = currency;
  if (zone === undefined) delete process.env.STORE_TIMEZONE;
  else process.env.STORE_TIMEZONE = zone;
  resetConfig();
};
const forget = () => deleteItem('business_weeks', { metric: 'store:units', bucket: 'all' });

describe('the store’s currency and time zone are bound to its data', () => {
  useTestStack();
  afterEach(() => setUnits(saved.currency, saved.zone));

  it('a process started without them adopts the ones the store was first started with', async () => {
    await forget();
    // An import run before the store's first start records nothing: it must not fix the store to its defaults.
    setUnits(undefined, undefined);
    expect(await bindStoreUnits()).toEqual({ currency: 'EUR', timeZone: 'UTC', adopted: [] });
    // npm start records what it was given.
    setUnits('USD', 'America/New_York');
    expect(await bindStoreUnits({ record: true })).toEqual({
      currency: 'USD',
      timeZone: 'America/New_York',
      adopted: [],
    });

    // `npm run import` in another terminal, without the variables.
    setUnits(undefined, undefined);
    expect(getConfig().STORE_CURRENCY).toBe('EUR');
    const bound = await bindStoreUnits();
    expect(bound.adopted).toEqual(['STORE_CURRENCY=USD', 'STORE_TIMEZONE=America/New_York']);
    expect(getConfig()).toMatchObject({ STORE_CURRENCY: 'USD', STORE_TIMEZONE: 'America/New_York' });
  });

  it('refuses to start with other units, saying what the data is in and what to do', async () => {
    await forget();
    setUnits('USD', 'America/New_York');
    await bindStoreUnits({ record: true });
    setUnits('EUR', undefined);
    const error = await bindStoreUnits().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnitsMismatchError);
    expect((error as Error).message).toBe(
      "STORE_CURRENCY=EUR, but this store's money is in USD (recorded when it was first started). " +
        'Start without STORE_CURRENCY to use USD, or use another DATA_DIR (on AWS, TABLE_PREFIX) for a store in EUR.',
    );
    setUnits(undefined, 'Europe/Berlin');
    await expect(bindStoreUnits()).rejects.toThrow(/this store's days are counted in America\/New_York/);
  });

  it('an older store without the record keeps the currency its Overview totals are in', async () => {
    await forget();
    await putBusinessWeeks([], {
      customers: 3,
      orders: 5,
      revenueMinor: 1200,
      currency: 'JPY',
      updatedAt: new Date().toISOString(),
    });
    setUnits(undefined, undefined);
    expect(await bindStoreUnits({ record: true })).toMatchObject({ currency: 'JPY', timeZone: 'UTC' });
    setUnits('EUR', undefined);
    await expect(bindStoreUnits()).rejects.toThrow(/money is in JPY/);
  });
});
