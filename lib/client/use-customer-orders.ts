'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { CUSTOMER_ORDERS_PAGE_SIZE } from '@/lib/customers/customer-list-params';
import type { Order } from '../orders/order';
import { apiFetch, type ApiProblem } from './api-fetch';
import { queryKeys } from './query-keys';

export interface CustomerOrdersPage {
  orders: Order[];
  nextCursor: string | null;
}

function ordersPath(customerId: string, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(CUSTOMER_ORDERS_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/customers/${encodeURIComponent(customerId)}/orders?${params.toString()}`;
}

/** A customer's orders, newest first, 50 at a time. */
export function useCustomerOrders(customerId: string, initialPage?: CustomerOrdersPage) {
  return useInfiniteQuery<CustomerOrdersPage, ApiProblem>({
    queryKey: queryKeys.customerOrders(customerId),
    queryFn: ({ pageParam }) =>
      apiFetch<CustomerOrdersPage>(ordersPath(customerId, typeof pageParam === 'string' ? pageParam : null)),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initialPage ? { pages: [initialPage], pageParams: [null] } : undefined,
    retry: false,
  });
}
