'use client';
import { createContext, useContext, type ReactNode } from 'react';

/** The store's currency and time zone (STORE_CURRENCY, STORE_TIMEZONE), handed down by the dashboard's layout. */
export interface StoreUnitsValue {
  currency: string;
  timeZone: string;
}

const StoreUnitsContext = createContext<StoreUnitsValue>({ currency: 'EUR', timeZone: 'UTC' });

export function StoreUnitsProvider({ value, children }: { value: StoreUnitsValue; children: ReactNode }) {
  return <StoreUnitsContext.Provider value={value}>{children}</StoreUnitsContext.Provider>;
}

/** The store's units, for client components that show times or amounts without an answer that names them. */
export const useStoreUnits = () => useContext(StoreUnitsContext);
