'use client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { customersApiPath, sameFilter, type CustomerListFilter } from '@/lib/customers/customer-list-params';
import type { CustomerPage } from '../customers/list-customers';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

/** The first page the server rendered, and the view it belongs to. */
export interface InitialCustomerPage {
  filter: CustomerListFilter;
  page: CustomerPage;
}

/** The customer list for one view, a page at a time ("Load more" follows the cursor). */
export function useCustomers(filter: CustomerListFilter, initial?: InitialCustomerPage) {
  const hydrate = initial && sameFilter(initial.filter, filter) ? initial.page : undefined;
  return useInfiniteQuery<CustomerPage, ApiProblem>({
    queryKey: queryKeys.customerList(filter),
    queryFn: ({ pageParam }) =>
      apiFetch<CustomerPage>(customersApiPath(filter, typeof pageParam === 'string' ? pageParam : undefined)),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: hydrate ? { pages: [hydrate], pageParams: [null] } : undefined,
    // While another view loads, the last one stays on screen (dimmed) instead of a blank table.
    placeholderData: keepPreviousData,
    retry: false,
  });
}
