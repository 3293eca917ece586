'use client';
import { useQuery } from '@tanstack/react-query';
import type { ActiveShopper } from '../live/get-active-shoppers';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

export interface ActiveShoppers {
  /** Every shopper with an open session (the list may show fewer). */
  active: number;
  shoppers: ActiveShopper[];
  /** The store's currency (ISO 4217): cart values are in its minor units. */
  currency: string;
}

/** Shoppers with an open session, newest activity first; those without personalization consent come masked. */
export function useLiveActive(limit: number, initialData?: ActiveShoppers) {
  return useQuery<ActiveShoppers, ApiProblem>({
    queryKey: queryKeys.liveActive(),
    queryFn: () => apiFetch<ActiveShoppers>(`/api/v1/stream/active?limit=${limit}`),
    initialData,
    refetchInterval: 5_000,
  });
}
