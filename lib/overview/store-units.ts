import { getConfig } from '../config';

/** The store's currency and time zone (STORE_CURRENCY, STORE_TIMEZONE): what amounts are in and days are counted in. */
export interface StoreUnits {
  currency: string;
  timeZone: string;
}

/** The configured units, for pages and answers that show amounts and times (they reach the configuration here). */
export function storeUnits(): StoreUnits {
  const config = getConfig();
  return { currency: config.STORE_CURRENCY, timeZone: config.STORE_TIMEZONE };
}
