import { getConfig, resetConfig } from '../config';
import { ConditionFailedError, getItem, putItem } from '../db/items';
import { BUSINESS_TOTALS_METRIC } from './business-week';
import type { StoreUnits } from './store-units';

const UNITS_KEY = { metric: 'store:units', bucket: 'all' };

/** The configuration disagrees with the units the store's data is in: one sentence saying what to do. */
export class StoreUnitsMismatchError extends Error {
  override name = 'StoreUnitsMismatchError';
}

const VARIABLES = [
  ['STORE_CURRENCY', 'currency', 'money is in'],
  ['STORE_TIMEZONE', 'timeZone', 'days are counted in'],
] as const;

/**
 * Ties the store's data to its currency and time zone. `npm start` and the seed (`record: true`) record the
 * configured ones when the store has none yet (for an older store, the currency its Overview totals are already in);
 * every process adopts the recorded ones when STORE_CURRENCY / STORE_TIMEZONE are not set, so `npm run import` or
 * `npm run batch` beside an `STORE_CURRENCY=USD npm start` needs no variables of its own, and refuses to start when
 * they are set to others: amounts or days in two units would be added up as one. Other processes never record: an
 * import started before the store's first start finishes must not fix the store to its defaults. Changes process.env
 * (children inherit the units).
 */
export async function bindStoreUnits(
  options: { record?: boolean } = {},
): Promise<StoreUnits & { adopted: string[] }> {
  let stored = await getItem('business_weeks', UNITS_KEY, { consistent: true });
  if (!stored && !options.record) {
    const config = getConfig();
    return { currency: config.STORE_CURRENCY, timeZone: config.STORE_TIMEZONE, adopted: [] };
  }
  if (!stored) {
    const config = getConfig();
    const totals = await getItem('business_weeks', { metric: BUSINESS_TOTALS_METRIC, bucket: 'all' });
    const first = {
      ...UNITS_KEY,
      currency: typeof totals?.currency === 'string' ? totals.currency : config.STORE_CURRENCY,
      timeZone: config.STORE_TIMEZONE,
      recordedAt: new Date().toISOString(),
    };
    try {
      await putItem('business_weeks', first, { condition: 'attribute_not_exists(metric)' });
      stored = first;
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      stored = await getItem('business_weeks', UNITS_KEY, { consistent: true });
    }
  }
  const units = { currency: String(stored!.currency), timeZone: String(stored!.timeZone) };
  const adopted: string[] = [];
  for (const [variable, field, meaning] of VARIABLES) {
    const given = process.env[variable]?.trim();
    if (!given) {
      if (units[field] !== getConfig()[variable]) adopted.push(`${variable}=${units[field]}`);
      process.env[variable] = units[field];
    } else if (given !== units[field])
      throw new StoreUnitsMismatchError(
        `${variable}=${given}, but this store's ${meaning} ${units[field]} (recorded when it was first started). ` +
          `Start without ${variable} to use ${units[field]}, or use another DATA_DIR (on AWS, TABLE_PREFIX) for a store in ${given}.`,
      );
  }
  resetConfig();
  return { ...units, adopted };
}
