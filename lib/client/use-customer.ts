'use client';
import { useQuery } from '@tanstack/react-query';
import type { CustomerView } from '../customers/customer';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** One customer's profile (masked unless the reader may see personal data; the API decides). */
export function useCustomer(customerId: string, initialData?: CustomerView) {
  return useQuery<CustomerView, ApiProblem>({
    queryKey: queryKeys.customer(customerId),
    queryFn: async () =>
      (await apiFetch<{ customer: CustomerView }>(`/api/v1/customers/${encodeURIComponent(customerId)}`))
        .customer,
    initialData,
    retry: false,
  });
}
